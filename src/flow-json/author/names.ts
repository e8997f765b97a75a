// Builder names: the component type in camelCase, except where that is a reserved word.
const RESERVED: Readonly<Record<string, string>> = { If: 'ifThen', Switch: 'switchOn' };

/** `TextInput` → `textInput`, `If` → `ifThen`, `Switch` → `switchOn`. */
export function builderName(type: string): string {
  return RESERVED[type] ?? type[0]!.toLowerCase() + type.slice(1);
}
