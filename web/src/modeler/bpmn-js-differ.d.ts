// Types for bpmn-js-differ (it ships none); a file of its own so the node tests can reference it.
declare module 'bpmn-js-differ' {
  export interface ModdleLike {
    $type: string;
    $parent?: ModdleLike;
    $descriptor?: unknown;
    id?: string;
    name?: string;
    [key: string]: unknown;
  }
  export interface AttrChange {
    oldValue: unknown;
    newValue: unknown;
  }
  export class ChangeHandler {
    _added: Record<string, ModdleLike>;
    _removed: Record<string, ModdleLike>;
    _layoutChanged: Record<string, ModdleLike>;
    _changed: Record<string, { model: ModdleLike; attrs: Record<string, AttrChange> }>;
    _isTracked(element: unknown): { element: ModdleLike; property: string } | false | undefined;
    changed(model: ModdleLike, property: string, newValue?: unknown, oldValue?: unknown): void;
    added(model: ModdleLike, property: string, element: unknown, idx: number): void;
    removed(model: ModdleLike, property: string, element: unknown, idx: number): void;
  }
  export function diff<H extends ChangeHandler = ChangeHandler>(a: unknown, b: unknown, handler?: H): H;
}
