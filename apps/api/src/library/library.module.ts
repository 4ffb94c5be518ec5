import { Module } from '@nestjs/common';

import { ForumsModule } from '../forums/forums.module';
import { IdentityModule } from '../identity/identity.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SpacesModule } from '../spaces/spaces.module';
import { StorageModule } from '../storage/storage.module';
import { LibraryController } from './library.controller';
import { LibraryService } from './library.service';
import { LibrarySearchModule } from './library-search.module';
import { ResourceImport } from './resource-import';
import { TextExtractor } from './text-extractor';
import { UploadReceiver } from './upload-receiver';

@Module({
  imports: [IdentityModule, SpacesModule, OutboxModule, ForumsModule, LibrarySearchModule, StorageModule],
  controllers: [LibraryController],
  providers: [LibraryService, UploadReceiver, TextExtractor, ResourceImport],
  exports: [LibraryService, ResourceImport],
})
export class LibraryModule {}
