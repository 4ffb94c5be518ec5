import type { ProblemDetails, RouteContract } from '@maillage/contracts';

import { ApiError, type CallInput, type Output, readCookie, urlOf } from './client';

/**
 * Sends a multipart form (or a file as the whole body) to an upload route, reporting the share sent (0 to 1) as it
 * goes: fetch cannot tell upload progress, XMLHttpRequest can.
 */
export function uploadWithProgress<R extends RouteContract>(
  route: R,
  input: Pick<CallInput<R>, 'params'>,
  form: FormData | Blob,
  onProgress: (sent: number) => void,
): Promise<Output<R>> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(route.method.toUpperCase(), urlOf(route, input));
    request.setRequestHeader('X-CSRF-Token', readCookie('maillage_csrf'));
    request.setRequestHeader('Accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let payload: unknown;
      try {
        payload = JSON.parse(request.responseText);
      } catch {
        payload = undefined;
      }
      if (request.status >= 200 && request.status < 300) resolve(payload as Output<R>);
      else
        reject(
          new ApiError(
            (payload as ProblemDetails | undefined) ?? {
              type: '/problems/unknown',
              title: request.statusText,
              status: request.status,
            },
          ),
        );
    };
    request.onerror = () =>
      reject(new ApiError({ type: '/problems/network', title: 'Réseau', status: 0, detail: 'network' }));
    request.send(form);
  });
}
