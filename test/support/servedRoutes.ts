import type { TestSystem } from './testSystem';

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** "METHOD /path/:param" for every route express serves (express 5: app.router.stack), sorted. */
export function servedRoutes(t: TestSystem): string[] {
  const stack = (t.system.app.router as unknown as { stack: RouterLayer[] }).stack;
  const out: string[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    for (const path of ([] as string[]).concat(layer.route.path)) {
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') out.push(`${method.toUpperCase()} ${path}`);
      }
    }
  }
  return out.sort();
}
