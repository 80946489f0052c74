import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { dataSourceOptions } from './data-source';

/** The process's PostgreSQL connection pool. The schema is owned by migrations, run before start. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const url = config.database.url;
        if (url === undefined) throw new Error('DATABASE_URL is not set (the launcher sets it when serving the embedded database)');
        return { ...dataSourceOptions({ url, schema: config.database.schema, poolSize: config.database.poolSize, role: config.database.role }), retryAttempts: 5 };
      },
    }),
  ],
})
export class DatabaseModule {}
