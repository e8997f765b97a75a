// Component types the docs allow inside If branches and Switch cases.
// Source: https://developers.facebook.com/docs/whatsapp/flows/reference/components (If, Switch).

/** "It is allowed to nest up to 3 If components" (the depth limit is FLOW_LIMITS.maxIfNesting). */
export const IF_BRANCH_TYPES = [
  'TextHeading', 'TextSubheading', 'TextBody', 'TextCaption', 'CheckboxGroup', 'DatePicker', 'Dropdown',
  'EmbeddedLink', 'Footer', 'Image', 'OptIn', 'RadioButtonsGroup', 'Switch', 'TextArea', 'TextInput', 'If',
] as const;

/**
 * The Switch list names neither If nor Switch. The current reference adds ChipsSelector to the
 * Switch list (a 6.3+ component, so older versions reject it by its own version range).
 */
export const SWITCH_CASE_TYPES = [
  'TextHeading', 'TextSubheading', 'TextBody', 'TextCaption', 'CheckboxGroup', 'DatePicker', 'Dropdown',
  'EmbeddedLink', 'Footer', 'Image', 'OptIn', 'RadioButtonsGroup', 'TextArea', 'TextInput', 'ChipsSelector',
] as const;
