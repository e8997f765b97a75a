// routing_model derived from a flow: per screen, in screen order, the screens its navigate actions
// open and the ones its data_exchange actions may lead to (given as hints, since the endpoint
// decides at run time), each once, in the order they appear. Shared by toFlowJson and convert, so
// convert can tell when deriving reproduces a flow's routing_model and leave it out.

/** A JSON action object → the screens its data_exchange may answer with. */
export type RouteHints = ReadonlyMap<object, readonly string[]>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The routing_model of Flow JSON `screens` (screens without a string id are skipped). */
export function deriveRoutingModel(screens: readonly unknown[], hints: RouteHints): Record<string, string[]> {
  const model: Record<string, string[]> = {};
  for (const screen of screens) {
    if (!isRecord(screen) || typeof screen['id'] !== 'string') continue;
    const edges: string[] = [];
    const add = (target: string): void => {
      if (!edges.includes(target)) edges.push(target);
    };
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) {
        value.forEach(walk);
        return;
      }
      if (!isRecord(value)) return;
      const next = value['next'];
      if (value['name'] === 'navigate' && isRecord(next) && typeof next['name'] === 'string') add(next['name']);
      hints.get(value)?.forEach(add);
      Object.values(value).forEach(walk);
    };
    walk(screen['layout']);
    model[screen['id']] = edges;
  }
  return model;
}
