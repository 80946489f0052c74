import { Module } from '@nestjs/common';
import { PersonalData } from './personal-data.service';

/** Per-person data keys: sealing personal values before they leave the API for Temporal, opening them for readers. */
@Module({ providers: [PersonalData], exports: [PersonalData] })
export class PersonalDataModule {}
