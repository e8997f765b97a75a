import type { ComponentSpec, DataType } from './types.js';

/** What `${form.<name>}` holds for an input: a data type, with the item type of arrays. */
export interface FormValueType {
  readonly type: DataType;
  readonly items?: DataType;
}

/**
 * The type of an input's value as `${form.<name>}` reads it: the one decision the validator (type
 * checks of expressions and payloads) and the runtime (the value it stores and evaluates) share.
 * The catalogue's `formValueVariants` apply when a property has a given static value (TextInput
 * `input-type: "number"` holds a number, CalendarPicker `mode: "range"` an object), else
 * `formValue`. Undefined for components that hold no input.
 */
export function formValueOf(spec: ComponentSpec, props: Readonly<Record<string, unknown>>): FormValueType | undefined {
  const base = spec.formValue;
  if (!base) return undefined;
  if (spec.formValueVariants) {
    for (const v of spec.formValueVariants) {
      if (Object.prototype.hasOwnProperty.call(props, v.property) && props[v.property] === v.equals) return v.items ? { type: v.type, items: v.items } : { type: v.type };
    }
  }
  return base;
}
