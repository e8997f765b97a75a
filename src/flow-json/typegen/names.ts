// How a flow's file or platform name becomes a type name and a file name, for `waflow typegen`
// and `waflow deploy`: `examples/booking/flow.json` → `BookingFlow` in `booking.types.ts`.

/** The words of a name: `booking-v2`, `Booking v2` and `booking_v2` all give booking, v2. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/** `booking` → `BookingFlow`, `Order status` → `OrderStatusFlow`; a name of no letters → `Flow`. */
export function flowTypeName(name: string): string {
  const pascal = words(name)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  const typed = /^[0-9]/.test(pascal) ? `Flow${pascal}` : pascal;
  return typed.endsWith('Flow') ? typed : `${typed}Flow`;
}

/** `Order status` → `order-status`; used for generated file names. */
export function kebabName(name: string): string {
  return words(name).join('-') || 'flow';
}

/**
 * The name a flow file stands for: its base name without `.json`, or its folder's name when the
 * file is called `flow.json` (examples/booking/flow.json is the booking flow).
 */
export function flowFileStem(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  const base = (parts[parts.length - 1] ?? 'flow').replace(/\.json$/i, '');
  if (base.toLowerCase() === 'flow' && parts.length > 1) return parts[parts.length - 2]!;
  return base;
}
