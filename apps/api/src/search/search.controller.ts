import { type SearchResults, searchRoutes, type SearchSuggestions } from '@maillage/contracts';
import { Controller } from '@nestjs/common';

import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { CurrentViewer } from '../identity/current-viewer';
import type { Viewer } from '../identity/viewer';
import { SearchService } from './search.service';

@Controller()
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Endpoint(searchRoutes.search)
  search(
    @CurrentViewer() viewer: Viewer,
    @Input() { query }: InputOf<typeof searchRoutes.search>,
  ): Promise<SearchResults> {
    return this.searchService.search(viewer, query);
  }

  @Endpoint(searchRoutes.suggest)
  suggest(
    @CurrentViewer() viewer: Viewer,
    @Input() { query }: InputOf<typeof searchRoutes.suggest>,
  ): Promise<SearchSuggestions> {
    return this.searchService.suggest(viewer, query.q);
  }
}
