import type { ErrorBody } from "./model";

/** A failed call of the pack's REST API: its status and the JSON error body every endpoint answers with. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description || error);
  }
}

type TokenSource = { updateToken(minValidity: number): Promise<boolean>; token?: string };

export type Query = Record<string, string | number | boolean | undefined | null>;

/**
 * The pack's REST API as one signed-in console sees it: the self-service API (`/realms/{realm}/iot`) for the
 * account console, the admin API (`/admin/realms/{realm}/iot`) for the admin console. Same origin as the
 * console, so no CORS; the bearer token is the console's own, refreshed before each call.
 */
export class IotApi {
  constructor(
    private readonly keycloak: TokenSource,
    readonly baseUrl: string,
  ) {}

  get<T>(path: string, query?: Query, signal?: AbortSignal) {
    return this.call<T>("GET", path, undefined, query, signal);
  }
  post<T>(path: string, body?: unknown, query?: Query) {
    return this.call<T>("POST", path, body, query);
  }
  put<T>(path: string, body?: unknown) {
    return this.call<T>("PUT", path, body);
  }
  patch<T>(path: string, body: unknown) {
    return this.call<T>("PATCH", path, body);
  }
  /** Most deletes answer 204; a bulk revoke answers its count. */
  delete<T = void>(path: string) {
    return this.call<T>("DELETE", path);
  }
  /** A raw body (e.g. CSV) with its own media type. */
  send<T>(method: string, path: string, body: string, contentType: string) {
    return this.call<T>(method, path, body, undefined, undefined, contentType);
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    query?: Query,
    signal?: AbortSignal,
    contentType = "application/json",
  ): Promise<T> {
    await this.keycloak.updateToken(5);
    const url = new URL(this.baseUrl + path);
    Object.entries(query ?? {}).forEach(([key, value]) => {
      if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, String(value));
    });
    const response = await fetch(url, {
      method,
      signal,
      headers: {
        Authorization: `Bearer ${this.keycloak.token}`,
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": contentType }),
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const error = json as Partial<ErrorBody> | undefined;
      throw new ApiError(response.status, error?.error ?? `http_${response.status}`, error?.error_description ?? "");
    }
    return json as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
