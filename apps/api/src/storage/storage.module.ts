import { Module } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { FileStorage, LocalFileStorage } from './file-storage';

/** File storage for every module that keeps files: the library's documents, members' pictures. */
@Module({
  providers: [
    {
      provide: FileStorage,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new LocalFileStorage(config.filesDir),
    },
  ],
  exports: [FileStorage],
})
export class StorageModule {}
