import { call } from '../api/errors';

interface FileAnswer {
  data?: Blob;
  error?: unknown;
  response: Response;
}

/** The file name the API gave in Content-Disposition (`attachment; filename="…"`), if any. */
function fileNameOf(response: Response): string | null {
  const header = response.headers.get('content-disposition') ?? '';
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? null;
}

/**
 * Downloads a file the API answers (an export), fetched through the typed client with `parseAs: 'blob'`.
 * A plain link could not do it: the browser would send it without the session's Authorization header.
 * The API names the file; `fallbackName` only when it did not. Error answers throw ApiError like `call()`.
 */
export async function downloadFile(request: Promise<FileAnswer>, fallbackName: string): Promise<string> {
  let name = fallbackName;
  const blob = await call(
    request.then((answer) => {
      name = fileNameOf(answer.response) ?? fallbackName;
      return answer;
    }),
  );
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked a little later: some browsers still read the object URL after click() returned.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
