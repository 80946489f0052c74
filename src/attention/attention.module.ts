import { Module } from '@nestjs/common';
import { CaseAttention } from './case-attention.service';

/** The list of cases the read model could not take; below the features that show it. */
@Module({ providers: [CaseAttention], exports: [CaseAttention] })
export class AttentionModule {}
