// Generated from the component catalogue by src/flow-json/author/generate.ts. Do not edit:
// run `WAFLOW_WRITE_GENERATED=1 npx vitest run src/flow-json/author/generated.test.ts` after changing the catalogue.
import { component } from './node.js';
import type { CompleteAction, Component, DataExchangeAction, NavigateAction, OpenUrlAction, UpdateDataAction } from './node.js';
import type { ActionBuilders, CommonBuilders } from './builders-types.js';
import type { Dyn, Ref } from './ref.js';
import type { FlowBuilder, ScreenBuilder } from './shape.js';

/** The component types of Flow JSON 2.1. */
export type ComponentType_2_1 = 'Form' | 'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'TextInput' | 'TextArea' | 'CheckboxGroup' | 'RadioButtonsGroup' | 'Dropdown' | 'DatePicker' | 'OptIn' | 'Footer' | 'EmbeddedLink' | 'Image';

/** The component types of Flow JSON 3.0. */
export type ComponentType_3_0 = 'Form' | 'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'TextInput' | 'TextArea' | 'CheckboxGroup' | 'RadioButtonsGroup' | 'Dropdown' | 'DatePicker' | 'OptIn' | 'Footer' | 'EmbeddedLink' | 'Image';

/** The component types of Flow JSON 3.1. */
export type ComponentType_3_1 = 'Form' | 'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'TextInput' | 'TextArea' | 'CheckboxGroup' | 'RadioButtonsGroup' | 'Dropdown' | 'DatePicker' | 'OptIn' | 'Footer' | 'EmbeddedLink' | 'Image';

/** The component types of Flow JSON 4.0. */
export type ComponentType_4_0 = 'Form' | 'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'TextInput' | 'TextArea' | 'CheckboxGroup' | 'RadioButtonsGroup' | 'Dropdown' | 'DatePicker' | 'OptIn' | 'Footer' | 'EmbeddedLink' | 'Image' | 'PhotoPicker' | 'DocumentPicker' | 'If' | 'Switch';

/** The component types of Flow JSON 5.0. */
export type ComponentType_5_0 = 'Form' | 'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'TextInput' | 'TextArea' | 'CheckboxGroup' | 'RadioButtonsGroup' | 'Dropdown' | 'DatePicker' | 'OptIn' | 'Footer' | 'EmbeddedLink' | 'Image' | 'PhotoPicker' | 'DocumentPicker' | 'If' | 'Switch';

/** The component types of Flow JSON 5.1. */
export type ComponentType_5_1 = 'Form' | 'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'RichText' | 'TextInput' | 'TextArea' | 'CheckboxGroup' | 'RadioButtonsGroup' | 'Dropdown' | 'DatePicker' | 'OptIn' | 'Footer' | 'EmbeddedLink' | 'Image' | 'PhotoPicker' | 'DocumentPicker' | 'If' | 'Switch';

/** The component types of Flow JSON 6.0. */
export type ComponentType_6_0 = 'Form' | 'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'RichText' | 'TextInput' | 'TextArea' | 'CheckboxGroup' | 'RadioButtonsGroup' | 'Dropdown' | 'DatePicker' | 'OptIn' | 'Footer' | 'EmbeddedLink' | 'Image' | 'PhotoPicker' | 'DocumentPicker' | 'If' | 'Switch';

/** The component types of Flow JSON 6.1. */
export type ComponentType_6_1 = 'Form' | 'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'RichText' | 'TextInput' | 'TextArea' | 'CheckboxGroup' | 'RadioButtonsGroup' | 'Dropdown' | 'DatePicker' | 'CalendarPicker' | 'OptIn' | 'Footer' | 'EmbeddedLink' | 'Image' | 'PhotoPicker' | 'DocumentPicker' | 'If' | 'Switch';

/** The component types of Flow JSON 6.2. */
export type ComponentType_6_2 = 'Form' | 'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'RichText' | 'TextInput' | 'TextArea' | 'CheckboxGroup' | 'RadioButtonsGroup' | 'Dropdown' | 'DatePicker' | 'CalendarPicker' | 'OptIn' | 'Footer' | 'EmbeddedLink' | 'Image' | 'PhotoPicker' | 'DocumentPicker' | 'If' | 'Switch' | 'NavigationList';

/** The component types of Flow JSON 6.3. */
export type ComponentType_6_3 = 'Form' | 'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'RichText' | 'TextInput' | 'TextArea' | 'CheckboxGroup' | 'RadioButtonsGroup' | 'ChipsSelector' | 'Dropdown' | 'DatePicker' | 'CalendarPicker' | 'OptIn' | 'Footer' | 'EmbeddedLink' | 'Image' | 'PhotoPicker' | 'DocumentPicker' | 'If' | 'Switch' | 'NavigationList';

/** The component types of Flow JSON 7.0. */
export type ComponentType_7_0 = 'Form' | 'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'RichText' | 'TextInput' | 'TextArea' | 'CheckboxGroup' | 'RadioButtonsGroup' | 'ChipsSelector' | 'Dropdown' | 'DatePicker' | 'CalendarPicker' | 'OptIn' | 'Footer' | 'EmbeddedLink' | 'Image' | 'PhotoPicker' | 'DocumentPicker' | 'If' | 'Switch' | 'NavigationList';

/** The component types of Flow JSON 7.1. */
export type ComponentType_7_1 = 'Form' | 'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'RichText' | 'TextInput' | 'TextArea' | 'CheckboxGroup' | 'RadioButtonsGroup' | 'ChipsSelector' | 'Dropdown' | 'DatePicker' | 'CalendarPicker' | 'OptIn' | 'Footer' | 'EmbeddedLink' | 'Image' | 'ImageCarousel' | 'PhotoPicker' | 'DocumentPicker' | 'If' | 'Switch' | 'NavigationList';

/** The component types of Flow JSON 7.2. */
export type ComponentType_7_2 = 'Form' | 'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'RichText' | 'TextInput' | 'TextArea' | 'CheckboxGroup' | 'RadioButtonsGroup' | 'ChipsSelector' | 'Dropdown' | 'DatePicker' | 'CalendarPicker' | 'OptIn' | 'Footer' | 'EmbeddedLink' | 'Image' | 'ImageCarousel' | 'PhotoPicker' | 'DocumentPicker' | 'If' | 'Switch' | 'NavigationList';

/** The component types of Flow JSON 7.3. */
export type ComponentType_7_3 = 'Form' | 'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'RichText' | 'TextInput' | 'TextArea' | 'CheckboxGroup' | 'RadioButtonsGroup' | 'ChipsSelector' | 'Dropdown' | 'DatePicker' | 'CalendarPicker' | 'OptIn' | 'Footer' | 'EmbeddedLink' | 'Image' | 'ImageCarousel' | 'PhotoPicker' | 'DocumentPicker' | 'If' | 'Switch' | 'NavigationList';

/** Properties of Form in Flow JSON 2.1. */
export interface FormProps_2_1 {
  /** Name of the form. */
  readonly name: string;
  /** Components inside the form. */
  readonly children: readonly Component<ComponentType_2_1>[];
  /** Initial value of each field, by field name. */
  readonly 'init-values'?: { readonly [field: string]: string | boolean | readonly string[] | Dyn<string | boolean | readonly string[]> } | Dyn<{ readonly [field: string]: string | boolean | readonly string[] }>;
  /** Error message of each field, by field name. */
  readonly 'error-messages'?: { readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>;
}

/** Properties of Form in Flow JSON 3.0. */
export interface FormProps_3_0 {
  /** Name of the form. */
  readonly name: string;
  /** Components inside the form. */
  readonly children: readonly Component<ComponentType_3_0>[];
  /** Initial value of each field, by field name. */
  readonly 'init-values'?: { readonly [field: string]: string | boolean | readonly string[] | Dyn<string | boolean | readonly string[]> } | Dyn<{ readonly [field: string]: string | boolean | readonly string[] }>;
  /** Error message of each field, by field name. */
  readonly 'error-messages'?: { readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>;
}

/** Properties of Form in Flow JSON 3.1. */
export interface FormProps_3_1 {
  /** Name of the form. */
  readonly name: string;
  /** Components inside the form. */
  readonly children: readonly Component<ComponentType_3_1>[];
  /** Initial value of each field, by field name. */
  readonly 'init-values'?: { readonly [field: string]: string | boolean | readonly string[] | Dyn<string | boolean | readonly string[]> } | Dyn<{ readonly [field: string]: string | boolean | readonly string[] }>;
  /** Error message of each field, by field name. */
  readonly 'error-messages'?: { readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>;
}

/** Properties of Form in Flow JSON 4.0. */
export interface FormProps_4_0 {
  /** Name of the form. */
  readonly name: string;
  /** Components inside the form. */
  readonly children: readonly Component<ComponentType_4_0>[];
  /** Initial value of each field, by field name. */
  readonly 'init-values'?: { readonly [field: string]: string | boolean | readonly string[] | Dyn<string | boolean | readonly string[]> } | Dyn<{ readonly [field: string]: string | boolean | readonly string[] }>;
  /** Error message of each field, by field name. */
  readonly 'error-messages'?: { readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>;
}

/** Properties of Form in Flow JSON 5.0. */
export interface FormProps_5_0 {
  /** Name of the form. */
  readonly name: string;
  /** Components inside the form. */
  readonly children: readonly Component<ComponentType_5_0>[];
  /** Initial value of each field, by field name. */
  readonly 'init-values'?: { readonly [field: string]: string | boolean | readonly string[] | Dyn<string | boolean | readonly string[]> } | Dyn<{ readonly [field: string]: string | boolean | readonly string[] }>;
  /** Error message of each field, by field name. */
  readonly 'error-messages'?: { readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>;
}

/** Properties of Form in Flow JSON 5.1. */
export interface FormProps_5_1 {
  /** Name of the form. */
  readonly name: string;
  /** Components inside the form. */
  readonly children: readonly Component<ComponentType_5_1>[];
  /** Initial value of each field, by field name. */
  readonly 'init-values'?: { readonly [field: string]: string | boolean | readonly string[] | Dyn<string | boolean | readonly string[]> } | Dyn<{ readonly [field: string]: string | boolean | readonly string[] }>;
  /** Error message of each field, by field name. */
  readonly 'error-messages'?: { readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>;
}

/** Properties of Form in Flow JSON 6.0. */
export interface FormProps_6_0 {
  /** Name of the form. */
  readonly name: string;
  /** Components inside the form. */
  readonly children: readonly Component<ComponentType_6_0>[];
  /** Initial value of each field, by field name. */
  readonly 'init-values'?: { readonly [field: string]: string | boolean | readonly string[] | Dyn<string | boolean | readonly string[]> } | Dyn<{ readonly [field: string]: string | boolean | readonly string[] }>;
  /** Error message of each field, by field name. */
  readonly 'error-messages'?: { readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>;
}

/** Properties of Form in Flow JSON 6.1. */
export interface FormProps_6_1 {
  /** Name of the form. */
  readonly name: string;
  /** Components inside the form. */
  readonly children: readonly Component<ComponentType_6_1>[];
  /** Initial value of each field, by field name. */
  readonly 'init-values'?: { readonly [field: string]: string | boolean | readonly string[] | Dyn<string | boolean | readonly string[]> } | Dyn<{ readonly [field: string]: string | boolean | readonly string[] }>;
  /** Error message of each field, by field name. */
  readonly 'error-messages'?: { readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>;
}

/** Properties of Form in Flow JSON 6.2. */
export interface FormProps_6_2 {
  /** Name of the form. */
  readonly name: string;
  /** Components inside the form. */
  readonly children: readonly Component<ComponentType_6_2>[];
  /** Initial value of each field, by field name. */
  readonly 'init-values'?: { readonly [field: string]: string | boolean | readonly string[] | Dyn<string | boolean | readonly string[]> } | Dyn<{ readonly [field: string]: string | boolean | readonly string[] }>;
  /** Error message of each field, by field name. */
  readonly 'error-messages'?: { readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>;
}

/** Properties of Form in Flow JSON 6.3. */
export interface FormProps_6_3 {
  /** Name of the form. */
  readonly name: string;
  /** Components inside the form. */
  readonly children: readonly Component<ComponentType_6_3>[];
  /** Initial value of each field, by field name. */
  readonly 'init-values'?: { readonly [field: string]: string | boolean | readonly string[] | Dyn<string | boolean | readonly string[]> } | Dyn<{ readonly [field: string]: string | boolean | readonly string[] }>;
  /** Error message of each field, by field name. */
  readonly 'error-messages'?: { readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>;
}

/** Properties of Form in Flow JSON 7.0. */
export interface FormProps_7_0 {
  /** Name of the form. */
  readonly name: string;
  /** Components inside the form. */
  readonly children: readonly Component<ComponentType_7_0>[];
  /** Initial value of each field, by field name. */
  readonly 'init-values'?: { readonly [field: string]: string | boolean | readonly string[] | Dyn<string | boolean | readonly string[]> } | Dyn<{ readonly [field: string]: string | boolean | readonly string[] }>;
  /** Error message of each field, by field name. */
  readonly 'error-messages'?: { readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>;
}

/** Properties of Form in Flow JSON 7.1. */
export interface FormProps_7_1 {
  /** Name of the form. */
  readonly name: string;
  /** Components inside the form. */
  readonly children: readonly Component<ComponentType_7_1>[];
  /** Initial value of each field, by field name. */
  readonly 'init-values'?: { readonly [field: string]: string | boolean | readonly string[] | Dyn<string | boolean | readonly string[]> } | Dyn<{ readonly [field: string]: string | boolean | readonly string[] }>;
  /** Error message of each field, by field name. */
  readonly 'error-messages'?: { readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>;
}

/** Properties of Form in Flow JSON 7.2. */
export interface FormProps_7_2 {
  /** Name of the form. */
  readonly name: string;
  /** Components inside the form. */
  readonly children: readonly Component<ComponentType_7_2>[];
  /** Initial value of each field, by field name. */
  readonly 'init-values'?: { readonly [field: string]: string | boolean | readonly string[] | Dyn<string | boolean | readonly string[]> } | Dyn<{ readonly [field: string]: string | boolean | readonly string[] }>;
  /** Error message of each field, by field name. */
  readonly 'error-messages'?: { readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>;
}

/** Properties of Form in Flow JSON 7.3. */
export interface FormProps_7_3 {
  /** Name of the form. */
  readonly name: string;
  /** Components inside the form. */
  readonly children: readonly Component<ComponentType_7_3>[];
  /** Initial value of each field, by field name. */
  readonly 'init-values'?: { readonly [field: string]: string | boolean | readonly string[] | Dyn<string | boolean | readonly string[]> } | Dyn<{ readonly [field: string]: string | boolean | readonly string[] }>;
  /** Error message of each field, by field name. */
  readonly 'error-messages'?: { readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>;
}

/** Properties of TextHeading in Flow JSON 2.1 to 7.3. */
export interface TextHeadingProps_2_1 {
  /** Heading text, at most 80 characters, not blank. */
  readonly text: string | Dyn<string>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
}

/** Properties of TextSubheading in Flow JSON 2.1 to 7.3. */
export interface TextSubheadingProps_2_1 {
  /** Subheading text, at most 80 characters, not blank. */
  readonly text: string | Dyn<string>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
}

/** Properties of TextBody in Flow JSON 2.1 to 5.0. */
export interface TextBodyProps_2_1 {
  /** Text to show, at most 4096 characters, not blank. */
  readonly text: string | Dyn<string>;
  /** Weight and slant of the text. */
  readonly 'font-weight'?: 'bold' | 'italic' | 'bold_italic' | 'normal' | Dyn<'bold' | 'italic' | 'bold_italic' | 'normal'>;
  /** Draws a line through the text. */
  readonly strikethrough?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
}

/** Properties of TextBody in Flow JSON 5.1 to 7.3. */
export interface TextBodyProps_5_1 {
  /** Text to show, at most 4096 characters, not blank. */
  readonly text: string | readonly string[] | Dyn<string | readonly string[]>;
  /** Weight and slant of the text. */
  readonly 'font-weight'?: 'bold' | 'italic' | 'bold_italic' | 'normal' | Dyn<'bold' | 'italic' | 'bold_italic' | 'normal'>;
  /** Draws a line through the text. */
  readonly strikethrough?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Renders the limited markdown subset (bold, italic, strikethrough, lists, links). Default: false. */
  readonly markdown?: boolean;
}

/** Properties of TextCaption in Flow JSON 2.1 to 5.0. */
export interface TextCaptionProps_2_1 {
  /** Text to show, at most 409 characters, not blank. */
  readonly text: string | Dyn<string>;
  /** Weight and slant of the text. */
  readonly 'font-weight'?: 'bold' | 'italic' | 'bold_italic' | 'normal' | Dyn<'bold' | 'italic' | 'bold_italic' | 'normal'>;
  /** Draws a line through the text. */
  readonly strikethrough?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
}

/** Properties of TextCaption in Flow JSON 5.1 to 7.3. */
export interface TextCaptionProps_5_1 {
  /** Text to show, at most 409 characters, not blank. */
  readonly text: string | readonly string[] | Dyn<string | readonly string[]>;
  /** Weight and slant of the text. */
  readonly 'font-weight'?: 'bold' | 'italic' | 'bold_italic' | 'normal' | Dyn<'bold' | 'italic' | 'bold_italic' | 'normal'>;
  /** Draws a line through the text. */
  readonly strikethrough?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Renders the limited markdown subset (bold, italic, strikethrough, lists, links). Default: false. */
  readonly markdown?: boolean;
}

/** Properties of RichText in Flow JSON 5.1 to 7.3. */
export interface RichTextProps_5_1 {
  /** Markdown, as one string or one string per line. */
  readonly text: string | readonly string[] | Dyn<string | readonly string[]>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
}

/** Properties of TextInput in Flow JSON 2.1 to 3.1. */
export interface TextInputProps_2_1 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Field label, at most 20 characters. */
  readonly label: string | Dyn<string>;
  /** Keyboard and validation the field uses. Default: "text". */
  readonly 'input-type'?: 'text' | 'number' | 'email' | 'password' | 'passcode' | 'phone';
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Fewest characters accepted. */
  readonly 'min-chars'?: number | string | Dyn<number | string>;
  /** Most characters accepted (default 80). Default: 80. */
  readonly 'max-chars'?: number | string | Dyn<number | string>;
  /** Hint under the field, at most 80 characters. */
  readonly 'helper-text'?: string | Dyn<string>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
}

/** Properties of TextInput in Flow JSON 4.0 to 6.1. */
export interface TextInputProps_4_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Field label, at most 20 characters. */
  readonly label: string | Dyn<string>;
  /** Keyboard and validation the field uses. Default: "text". */
  readonly 'input-type'?: 'text' | 'number' | 'email' | 'password' | 'passcode' | 'phone';
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Fewest characters accepted. */
  readonly 'min-chars'?: number | string | Dyn<number | string>;
  /** Most characters accepted (default 80). Default: 80. */
  readonly 'max-chars'?: number | string | Dyn<number | string>;
  /** Hint under the field, at most 80 characters. */
  readonly 'helper-text'?: string | Dyn<string>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: string | Dyn<string>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of TextInput in Flow JSON 6.2 to 6.3. */
export interface TextInputProps_6_2 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Field label, at most 20 characters. */
  readonly label: string | Dyn<string>;
  /** Keyboard and validation the field uses. Default: "text". */
  readonly 'input-type'?: 'text' | 'number' | 'email' | 'password' | 'passcode' | 'phone';
  /** Regular expression the value must match; needs helper-text. */
  readonly pattern?: string;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Fewest characters accepted. */
  readonly 'min-chars'?: number | string | Dyn<number | string>;
  /** Most characters accepted (default 80). Default: 80. */
  readonly 'max-chars'?: number | string | Dyn<number | string>;
  /** Hint under the field, at most 80 characters. */
  readonly 'helper-text'?: string | Dyn<string>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: string | Dyn<string>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of TextInput in Flow JSON 7.0 to 7.3. */
export interface TextInputProps_7_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Field label, at most 20 characters. */
  readonly label: string | Dyn<string>;
  /** Label style; "large" makes the label more prominent. */
  readonly 'label-variant'?: 'large';
  /** Keyboard and validation the field uses. Default: "text". */
  readonly 'input-type'?: 'text' | 'number' | 'email' | 'password' | 'passcode' | 'phone';
  /** Regular expression the value must match; needs helper-text. */
  readonly pattern?: string;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Fewest characters accepted. */
  readonly 'min-chars'?: number | string | Dyn<number | string>;
  /** Most characters accepted (default 80). Default: 80. */
  readonly 'max-chars'?: number | string | Dyn<number | string>;
  /** Hint under the field, at most 80 characters. */
  readonly 'helper-text'?: string | Dyn<string>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: string | Dyn<string>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of TextArea in Flow JSON 2.1 to 3.1. */
export interface TextAreaProps_2_1 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Field label, at most 20 characters. */
  readonly label: string | Dyn<string>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Most characters accepted (default 600). Default: 600. */
  readonly 'max-length'?: number | string | Dyn<number | string>;
  /** Hint under the field, at most 80 characters. */
  readonly 'helper-text'?: string | Dyn<string>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
}

/** Properties of TextArea in Flow JSON 4.0 to 6.3. */
export interface TextAreaProps_4_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Field label, at most 20 characters. */
  readonly label: string | Dyn<string>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Most characters accepted (default 600). Default: 600. */
  readonly 'max-length'?: number | string | Dyn<number | string>;
  /** Hint under the field, at most 80 characters. */
  readonly 'helper-text'?: string | Dyn<string>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: string | Dyn<string>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of TextArea in Flow JSON 7.0 to 7.3. */
export interface TextAreaProps_7_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Field label, at most 20 characters. */
  readonly label: string | Dyn<string>;
  /** Label style; "large" makes the label more prominent. */
  readonly 'label-variant'?: 'large';
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Most characters accepted (default 600). Default: 600. */
  readonly 'max-length'?: number | string | Dyn<number | string>;
  /** Hint under the field, at most 80 characters. */
  readonly 'helper-text'?: string | Dyn<string>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: string | Dyn<string>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of CheckboxGroup in Flow JSON 2.1 to 3.1. */
export interface CheckboxGroupProps_2_1 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** The options to choose from. */
  readonly 'data-source': ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
  }> | Dyn<ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
  }>>;
  /** Group label, at most 30 characters. */
  readonly label?: string | Dyn<string>;
  /** Fewest options the user must pick. */
  readonly 'min-selected-items'?: number | Dyn<number>;
  /** Most options the user may pick. */
  readonly 'max-selected-items'?: number | Dyn<number>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Runs when the user selects an option. */
  readonly 'on-select-action'?: DataExchangeAction;
}

/** Properties of CheckboxGroup in Flow JSON 4.0. */
export interface CheckboxGroupProps_4_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** The options to choose from. */
  readonly 'data-source': ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
  }> | Dyn<ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
  }>>;
  /** Group label, at most 30 characters. */
  readonly label: string | Dyn<string>;
  /** Fewest options the user must pick. */
  readonly 'min-selected-items'?: number | Dyn<number>;
  /** Most options the user may pick. */
  readonly 'max-selected-items'?: number | Dyn<number>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Text under the label. */
  readonly description?: string | Dyn<string>;
  /** Runs when the user selects an option. */
  readonly 'on-select-action'?: DataExchangeAction;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: readonly string[] | Dyn<readonly string[]>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of CheckboxGroup in Flow JSON 5.0 to 5.1. */
export interface CheckboxGroupProps_5_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** The options to choose from. */
  readonly 'data-source': ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
    /** Base64 image shown beside the option. */
    readonly image?: string;
    /** Accessibility text for the option image. */
    readonly 'alt-text'?: string;
    /** Six-digit hex colour of the option. */
    readonly color?: string;
  }> | Dyn<ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
    /** Base64 image shown beside the option. */
    readonly image?: string;
    /** Accessibility text for the option image. */
    readonly 'alt-text'?: string;
    /** Six-digit hex colour of the option. */
    readonly color?: string;
  }>>;
  /** Group label, at most 30 characters. */
  readonly label: string | Dyn<string>;
  /** Fewest options the user must pick. */
  readonly 'min-selected-items'?: number | Dyn<number>;
  /** Most options the user may pick. */
  readonly 'max-selected-items'?: number | Dyn<number>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Text under the label. */
  readonly description?: string | Dyn<string>;
  /** Size of the images shown beside the options. */
  readonly 'media-size'?: 'regular' | 'large' | Dyn<'regular' | 'large'>;
  /** Runs when the user selects an option. */
  readonly 'on-select-action'?: DataExchangeAction;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: readonly string[] | Dyn<readonly string[]>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of CheckboxGroup in Flow JSON 6.0 to 7.3. */
export interface CheckboxGroupProps_6_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** The options to choose from. */
  readonly 'data-source': ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
    /** Base64 image shown beside the option. */
    readonly image?: string;
    /** Accessibility text for the option image. */
    readonly 'alt-text'?: string;
    /** Six-digit hex colour of the option. */
    readonly color?: string;
    /** Runs when this option is selected. */
    readonly 'on-select-action'?: UpdateDataAction;
    /** Runs when this option is unselected. */
    readonly 'on-unselect-action'?: UpdateDataAction;
  }> | Dyn<ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
    /** Base64 image shown beside the option. */
    readonly image?: string;
    /** Accessibility text for the option image. */
    readonly 'alt-text'?: string;
    /** Six-digit hex colour of the option. */
    readonly color?: string;
    /** Runs when this option is selected. */
    readonly 'on-select-action'?: UpdateDataAction;
    /** Runs when this option is unselected. */
    readonly 'on-unselect-action'?: UpdateDataAction;
  }>>;
  /** Group label, at most 30 characters. */
  readonly label: string | Dyn<string>;
  /** Fewest options the user must pick. */
  readonly 'min-selected-items'?: number | Dyn<number>;
  /** Most options the user may pick. */
  readonly 'max-selected-items'?: number | Dyn<number>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Text under the label. */
  readonly description?: string | Dyn<string>;
  /** Size of the images shown beside the options. */
  readonly 'media-size'?: 'regular' | 'large' | Dyn<'regular' | 'large'>;
  /** Runs when the user selects an option. */
  readonly 'on-select-action'?: DataExchangeAction | UpdateDataAction;
  /** Runs when the user unselects an option; without it on-select-action handles both. */
  readonly 'on-unselect-action'?: UpdateDataAction;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: readonly string[] | Dyn<readonly string[]>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of RadioButtonsGroup in Flow JSON 2.1 to 3.1. */
export interface RadioButtonsGroupProps_2_1 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** The options to choose from. */
  readonly 'data-source': ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
  }> | Dyn<ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
  }>>;
  /** Group label, at most 30 characters. */
  readonly label?: string | Dyn<string>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Runs when the user selects an option. */
  readonly 'on-select-action'?: DataExchangeAction;
}

/** Properties of RadioButtonsGroup in Flow JSON 4.0. */
export interface RadioButtonsGroupProps_4_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** The options to choose from. */
  readonly 'data-source': ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
  }> | Dyn<ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
  }>>;
  /** Group label, at most 30 characters. */
  readonly label: string | Dyn<string>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Text under the label. */
  readonly description?: string | Dyn<string>;
  /** Runs when the user selects an option. */
  readonly 'on-select-action'?: DataExchangeAction;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: string | Dyn<string>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of RadioButtonsGroup in Flow JSON 5.0 to 5.1. */
export interface RadioButtonsGroupProps_5_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** The options to choose from. */
  readonly 'data-source': ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
    /** Base64 image shown beside the option. */
    readonly image?: string;
    /** Accessibility text for the option image. */
    readonly 'alt-text'?: string;
    /** Six-digit hex colour of the option. */
    readonly color?: string;
  }> | Dyn<ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
    /** Base64 image shown beside the option. */
    readonly image?: string;
    /** Accessibility text for the option image. */
    readonly 'alt-text'?: string;
    /** Six-digit hex colour of the option. */
    readonly color?: string;
  }>>;
  /** Group label, at most 30 characters. */
  readonly label: string | Dyn<string>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Text under the label. */
  readonly description?: string | Dyn<string>;
  /** Size of the images shown beside the options. */
  readonly 'media-size'?: 'regular' | 'large' | Dyn<'regular' | 'large'>;
  /** Runs when the user selects an option. */
  readonly 'on-select-action'?: DataExchangeAction;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: string | Dyn<string>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of RadioButtonsGroup in Flow JSON 6.0 to 7.3. */
export interface RadioButtonsGroupProps_6_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** The options to choose from. */
  readonly 'data-source': ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
    /** Base64 image shown beside the option. */
    readonly image?: string;
    /** Accessibility text for the option image. */
    readonly 'alt-text'?: string;
    /** Six-digit hex colour of the option. */
    readonly color?: string;
    /** Runs when this option is selected. */
    readonly 'on-select-action'?: UpdateDataAction;
    /** Runs when this option is unselected. */
    readonly 'on-unselect-action'?: UpdateDataAction;
  }> | Dyn<ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
    /** Base64 image shown beside the option. */
    readonly image?: string;
    /** Accessibility text for the option image. */
    readonly 'alt-text'?: string;
    /** Six-digit hex colour of the option. */
    readonly color?: string;
    /** Runs when this option is selected. */
    readonly 'on-select-action'?: UpdateDataAction;
    /** Runs when this option is unselected. */
    readonly 'on-unselect-action'?: UpdateDataAction;
  }>>;
  /** Group label, at most 30 characters. */
  readonly label: string | Dyn<string>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Text under the label. */
  readonly description?: string | Dyn<string>;
  /** Size of the images shown beside the options. */
  readonly 'media-size'?: 'regular' | 'large' | Dyn<'regular' | 'large'>;
  /** Runs when the user selects an option. */
  readonly 'on-select-action'?: DataExchangeAction | UpdateDataAction;
  /** Runs when the user unselects an option; without it on-select-action handles both. */
  readonly 'on-unselect-action'?: UpdateDataAction;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: string | Dyn<string>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of ChipsSelector in Flow JSON 6.3 to 7.3. */
export interface ChipsSelectorProps_6_3 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** The options to choose from. */
  readonly 'data-source': ReadonlyArray<{
    /** Value stored in the form when this chip is chosen. */
    readonly id: string;
    /** Chip text. */
    readonly title: string;
    /** Whether this chip can be chosen. Default: true. */
    readonly enabled?: boolean;
    /** Runs when this chip is selected. */
    readonly 'on-select-action'?: UpdateDataAction;
    /** Runs when this chip is unselected. */
    readonly 'on-unselect-action'?: UpdateDataAction;
  }> | Dyn<ReadonlyArray<{
    /** Value stored in the form when this chip is chosen. */
    readonly id: string;
    /** Chip text. */
    readonly title: string;
    /** Whether this chip can be chosen. Default: true. */
    readonly enabled?: boolean;
    /** Runs when this chip is selected. */
    readonly 'on-select-action'?: UpdateDataAction;
    /** Runs when this chip is unselected. */
    readonly 'on-unselect-action'?: UpdateDataAction;
  }>>;
  /** Label, at most 80 characters. */
  readonly label: string | Dyn<string>;
  /** Text under the label, at most 300 characters. */
  readonly description?: string | Dyn<string>;
  /** Fewest chips the user must pick. */
  readonly 'min-selected-items'?: number | Dyn<number>;
  /** Most chips the user may pick. */
  readonly 'max-selected-items'?: number | Dyn<number>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Runs when the user selects a chip. */
  readonly 'on-select-action'?: DataExchangeAction | UpdateDataAction;
  /** Runs when the user unselects a chip; without it on-select-action handles both. */
  readonly 'on-unselect-action'?: UpdateDataAction;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: readonly string[] | Dyn<readonly string[]>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of Dropdown in Flow JSON 2.1 to 3.1. */
export interface DropdownProps_2_1 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Dropdown label, at most 20 characters. */
  readonly label: string | Dyn<string>;
  /** The options to choose from. */
  readonly 'data-source': ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
  }> | Dyn<ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
  }>>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Runs when the user selects an option. */
  readonly 'on-select-action'?: DataExchangeAction;
}

/** Properties of Dropdown in Flow JSON 4.0. */
export interface DropdownProps_4_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Dropdown label, at most 20 characters. */
  readonly label: string | Dyn<string>;
  /** The options to choose from. */
  readonly 'data-source': ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
  }> | Dyn<ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
  }>>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Runs when the user selects an option. */
  readonly 'on-select-action'?: DataExchangeAction;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: string | Dyn<string>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of Dropdown in Flow JSON 5.0 to 5.1. */
export interface DropdownProps_5_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Dropdown label, at most 20 characters. */
  readonly label: string | Dyn<string>;
  /** The options to choose from. */
  readonly 'data-source': ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
    /** Base64 image shown beside the option. */
    readonly image?: string;
    /** Accessibility text for the option image. */
    readonly 'alt-text'?: string;
    /** Six-digit hex colour of the option. */
    readonly color?: string;
  }> | Dyn<ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
    /** Base64 image shown beside the option. */
    readonly image?: string;
    /** Accessibility text for the option image. */
    readonly 'alt-text'?: string;
    /** Six-digit hex colour of the option. */
    readonly color?: string;
  }>>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Runs when the user selects an option. */
  readonly 'on-select-action'?: DataExchangeAction;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: string | Dyn<string>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of Dropdown in Flow JSON 6.0 to 7.3. */
export interface DropdownProps_6_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Dropdown label, at most 20 characters. */
  readonly label: string | Dyn<string>;
  /** The options to choose from. */
  readonly 'data-source': ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
    /** Base64 image shown beside the option. */
    readonly image?: string;
    /** Accessibility text for the option image. */
    readonly 'alt-text'?: string;
    /** Six-digit hex colour of the option. */
    readonly color?: string;
    /** Runs when this option is selected. */
    readonly 'on-select-action'?: UpdateDataAction;
    /** Runs when this option is unselected. */
    readonly 'on-unselect-action'?: UpdateDataAction;
  }> | Dyn<ReadonlyArray<{
    /** Value stored in the form when this option is chosen. */
    readonly id: string;
    /** Option text shown to the user. */
    readonly title: string;
    /** Secondary text under the title. */
    readonly description?: string;
    /** Short extra text beside the option. */
    readonly metadata?: string;
    /** Whether this option can be chosen. Default: true. */
    readonly enabled?: boolean;
    /** Base64 image shown beside the option. */
    readonly image?: string;
    /** Accessibility text for the option image. */
    readonly 'alt-text'?: string;
    /** Six-digit hex colour of the option. */
    readonly color?: string;
    /** Runs when this option is selected. */
    readonly 'on-select-action'?: UpdateDataAction;
    /** Runs when this option is unselected. */
    readonly 'on-unselect-action'?: UpdateDataAction;
  }>>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Runs when the user selects an option. */
  readonly 'on-select-action'?: DataExchangeAction | UpdateDataAction;
  /** Runs when the user unselects an option; without it on-select-action handles both. */
  readonly 'on-unselect-action'?: UpdateDataAction;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: string | Dyn<string>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of DatePicker in Flow JSON 2.1 to 3.1. */
export interface DatePickerProps_2_1 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Field label, at most 40 characters. */
  readonly label: string | Dyn<string>;
  /** Earliest selectable date. */
  readonly 'min-date'?: string | Dyn<string>;
  /** Latest selectable date. */
  readonly 'max-date'?: string | Dyn<string>;
  /** Dates the user cannot select. */
  readonly 'unavailable-dates'?: readonly string[] | Dyn<readonly string[]>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Hint under the field, at most 80 characters. */
  readonly 'helper-text'?: string | Dyn<string>;
  /** Whether the user can interact with the component. Default: true. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Runs when the user picks a date. */
  readonly 'on-select-action'?: DataExchangeAction;
}

/** Properties of DatePicker in Flow JSON 4.0 to 7.3. */
export interface DatePickerProps_4_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Field label, at most 40 characters. */
  readonly label: string | Dyn<string>;
  /** Earliest selectable date. */
  readonly 'min-date'?: string | Dyn<string>;
  /** Latest selectable date. */
  readonly 'max-date'?: string | Dyn<string>;
  /** Dates the user cannot select. */
  readonly 'unavailable-dates'?: readonly string[] | Dyn<readonly string[]>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Hint under the field, at most 80 characters. */
  readonly 'helper-text'?: string | Dyn<string>;
  /** Whether the user can interact with the component. Default: true. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Runs when the user picks a date. */
  readonly 'on-select-action'?: DataExchangeAction;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: string | Dyn<string>;
  /** Error shown under the field; only outside a Form (a Form uses error-messages). */
  readonly 'error-message'?: string | Dyn<string>;
}

/** Properties of CalendarPicker in Flow JSON 6.1 to 7.3. */
export interface CalendarPickerProps_6_1 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Pick one date or a start and end date. Default: "single". */
  readonly mode?: 'single' | 'range' | Dyn<'single' | 'range'>;
  /** Title shown in range mode, at most 80 characters. */
  readonly title?: string | Dyn<string>;
  /** Description shown in range mode, at most 300 characters. */
  readonly description?: string | Dyn<string>;
  /** Label, at most 40 characters; per end in range mode. */
  readonly label: string | ({
    /** Value for the start date. */
    readonly 'start-date'?: string;
    /** Value for the end date. */
    readonly 'end-date'?: string;
  }) | Dyn<string | ({
    /** Value for the start date. */
    readonly 'start-date'?: string;
    /** Value for the end date. */
    readonly 'end-date'?: string;
  })>;
  /** Hint, at most 80 characters; per end in range mode. */
  readonly 'helper-text'?: string | ({
    /** Value for the start date. */
    readonly 'start-date'?: string;
    /** Value for the end date. */
    readonly 'end-date'?: string;
  }) | Dyn<string | ({
    /** Value for the start date. */
    readonly 'start-date'?: string;
    /** Value for the end date. */
    readonly 'end-date'?: string;
  })>;
  /** Whether a date is required; per end in range mode. Default: false. */
  readonly required?: boolean | ({
    /** Value for the start date. */
    readonly 'start-date'?: boolean;
    /** Value for the end date. */
    readonly 'end-date'?: boolean;
  }) | Dyn<boolean | ({
    /** Value for the start date. */
    readonly 'start-date'?: boolean;
    /** Value for the end date. */
    readonly 'end-date'?: boolean;
  })>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Whether the user can interact with the component. Default: true. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Earliest selectable date (YYYY-MM-DD). */
  readonly 'min-date'?: string | Dyn<string>;
  /** Latest selectable date (YYYY-MM-DD). */
  readonly 'max-date'?: string | Dyn<string>;
  /** Dates the user cannot select, within min and max. */
  readonly 'unavailable-dates'?: readonly string[] | Dyn<readonly string[]>;
  /** Weekdays that can be selected. Default: ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"]. */
  readonly 'include-days'?: ReadonlyArray<'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun'> | Dyn<ReadonlyArray<'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun'>>;
  /** Fewest days between start and end (range mode). */
  readonly 'min-days'?: number | Dyn<number>;
  /** Most days between start and end (range mode). */
  readonly 'max-days'?: number | Dyn<number>;
  /** Runs when the user picks a date or range. */
  readonly 'on-select-action'?: DataExchangeAction;
  /** Initial date, or dates per end in range mode; only outside a Form. */
  readonly 'init-value'?: string | ({
    /** Value for the start date. */
    readonly 'start-date'?: string;
    /** Value for the end date. */
    readonly 'end-date'?: string;
  }) | Dyn<string | ({
    /** Value for the start date. */
    readonly 'start-date'?: string;
    /** Value for the end date. */
    readonly 'end-date'?: string;
  })>;
  /** Error shown under the field, at most 80 characters; only outside a Form. */
  readonly 'error-message'?: string | ({
    /** Value for the start date. */
    readonly 'start-date'?: string;
    /** Value for the end date. */
    readonly 'end-date'?: string;
  }) | Dyn<string | ({
    /** Value for the start date. */
    readonly 'start-date'?: string;
    /** Value for the end date. */
    readonly 'end-date'?: string;
  })>;
}

/** Properties of OptIn in Flow JSON 2.1 to 3.1. */
export interface OptInProps_2_1 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Consent text, at most 120 characters. */
  readonly label: string | Dyn<string>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Runs on "Read more", which is shown only when this is set. */
  readonly 'on-click-action'?: DataExchangeAction | NavigateAction;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
}

/** Properties of OptIn in Flow JSON 4.0 to 5.1. */
export interface OptInProps_4_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Consent text, at most 120 characters. */
  readonly label: string | Dyn<string>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Runs on "Read more", which is shown only when this is set. */
  readonly 'on-click-action'?: DataExchangeAction | NavigateAction;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: boolean | Dyn<boolean>;
}

/** Properties of OptIn in Flow JSON 6.0 to 7.3. */
export interface OptInProps_6_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Consent text, at most 120 characters. */
  readonly label: string | Dyn<string>;
  /** Whether the user must fill this field before submitting. */
  readonly required?: boolean | Dyn<boolean>;
  /** Runs on "Read more", which is shown only when this is set. */
  readonly 'on-click-action'?: DataExchangeAction | NavigateAction | OpenUrlAction;
  /** Runs when the box is checked. */
  readonly 'on-select-action'?: UpdateDataAction;
  /** Runs when the box is unchecked. */
  readonly 'on-unselect-action'?: UpdateDataAction;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Initial value; only outside a Form (a Form uses init-values). */
  readonly 'init-value'?: boolean | Dyn<boolean>;
}

/** Properties of Footer in Flow JSON 2.1 to 7.3. */
export interface FooterProps_2_1 {
  /** Button text, at most 35 characters. */
  readonly label: string | Dyn<string>;
  /** Caption left of the button, at most 15 characters. */
  readonly 'left-caption'?: string | Dyn<string>;
  /** Caption centred above the button, at most 15 characters. */
  readonly 'center-caption'?: string | Dyn<string>;
  /** Caption right of the button, at most 15 characters. */
  readonly 'right-caption'?: string | Dyn<string>;
  /** Whether the user can interact with the component. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Runs when the button is tapped. */
  readonly 'on-click-action': NavigateAction | DataExchangeAction | CompleteAction;
}

/** Properties of EmbeddedLink in Flow JSON 2.1 to 5.1. */
export interface EmbeddedLinkProps_2_1 {
  /** Link text, at most 25 characters, not blank. */
  readonly text: string | Dyn<string>;
  /** Runs when the link is tapped. */
  readonly 'on-click-action': DataExchangeAction | NavigateAction;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
}

/** Properties of EmbeddedLink in Flow JSON 6.0 to 7.3. */
export interface EmbeddedLinkProps_6_0 {
  /** Link text, at most 25 characters, not blank. */
  readonly text: string | Dyn<string>;
  /** Runs when the link is tapped. */
  readonly 'on-click-action': DataExchangeAction | NavigateAction | OpenUrlAction;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
}

/** Properties of Image in Flow JSON 2.1 to 7.3. */
export interface ImageProps_2_1 {
  /** Base64-encoded image data. */
  readonly src: string | Dyn<string>;
  /** Width in device-independent pixels. */
  readonly width?: number | Dyn<number>;
  /** Height in device-independent pixels. */
  readonly height?: number | Dyn<number>;
  /** Crop to fill (cover) or fit inside (contain). Default: "contain". */
  readonly 'scale-type'?: 'cover' | 'contain';
  /** Width divided by height. Default: 1. */
  readonly 'aspect-ratio'?: number | Dyn<number>;
  /** Accessibility text read by screen readers. */
  readonly 'alt-text'?: string | Dyn<string>;
}

/** Properties of ImageCarousel in Flow JSON 7.1 to 7.3. */
export interface ImageCarouselProps_7_1 {
  /** One to three images. */
  readonly images: ReadonlyArray<{
    /** Base64-encoded image data. */
    readonly src: string;
    /** Accessibility text for the image. */
    readonly 'alt-text': string;
  }> | Dyn<ReadonlyArray<{
    /** Base64-encoded image data. */
    readonly src: string;
    /** Accessibility text for the image. */
    readonly 'alt-text': string;
  }>>;
  /** Shape of the carousel frame. Default: "4:3". */
  readonly 'aspect-ratio'?: '4:3' | '16:9';
  /** Crop to fill (cover) or fit inside (contain). Default: "contain". */
  readonly 'scale-type'?: 'contain' | 'cover';
}

/** Properties of PhotoPicker in Flow JSON 4.0 to 7.3. */
export interface PhotoPickerProps_4_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Header text, at most 80 characters. */
  readonly label: string | Dyn<string>;
  /** Body text, at most 300 characters. */
  readonly description?: string | Dyn<string>;
  /** Largest file accepted, in KiB (at most 25600). Default: 25600. */
  readonly 'max-file-size-kb'?: number;
  /** Fewest photos required; 0 makes the component optional. Default: 0. */
  readonly 'min-uploaded-photos'?: number;
  /** Most photos the user may upload. Default: 30. */
  readonly 'max-uploaded-photos'?: number;
  /** Whether the user can interact with the component. Default: true. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Error for the component, or per media id. */
  readonly 'error-message'?: string | ({
    readonly [key: string]: string;
  }) | Dyn<string | ({
    readonly [key: string]: string;
  })>;
  /** Where photos may come from. Default: "camera_gallery". */
  readonly 'photo-source'?: 'camera_gallery' | 'camera' | 'gallery';
}

/** Properties of DocumentPicker in Flow JSON 4.0 to 7.3. */
export interface DocumentPickerProps_4_0 {
  /** Field name; the value is read as ${form.<name>} and must be unique on the screen. */
  readonly name: string;
  /** Header text, at most 80 characters. */
  readonly label: string | Dyn<string>;
  /** Body text, at most 300 characters. */
  readonly description?: string | Dyn<string>;
  /** Largest file accepted, in KiB (at most 25600). Default: 25600. */
  readonly 'max-file-size-kb'?: number;
  /** Fewest documents required; 0 makes the component optional. Default: 0. */
  readonly 'min-uploaded-documents'?: number;
  /** Most documents the user may upload. Default: 30. */
  readonly 'max-uploaded-documents'?: number;
  /** Whether the user can interact with the component. Default: true. */
  readonly enabled?: boolean | Dyn<boolean>;
  /** Whether the component is shown. Default: true. */
  readonly visible?: boolean | Dyn<boolean>;
  /** Error for the component, or per media id. */
  readonly 'error-message'?: string | ({
    readonly [key: string]: string;
  }) | Dyn<string | ({
    readonly [key: string]: string;
  })>;
  /** Mime types the user may pick; any supported type when absent. */
  readonly 'allowed-mime-types'?: ReadonlyArray<'application/gzip' | 'application/msword' | 'application/pdf' | 'application/vnd.ms-excel' | 'application/vnd.ms-powerpoint' | 'application/vnd.oasis.opendocument.presentation' | 'application/vnd.oasis.opendocument.spreadsheet' | 'application/vnd.oasis.opendocument.text' | 'application/vnd.openxmlformats-officedocument.presentationml.presentation' | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' | 'application/x-7z-compressed' | 'application/zip' | 'image/avif' | 'image/gif' | 'image/heic' | 'image/heif' | 'image/jpeg' | 'image/png' | 'image/tiff' | 'image/webp' | 'text/plain' | 'video/mp4' | 'video/mpeg'>;
}

/** Properties of If in Flow JSON 4.0 to 7.3. */
export interface IfProps_4_0 {
  /** Boolean expression deciding which branch shows. */
  readonly condition: string | Ref<unknown>;
  /** Components shown when the condition is true. */
  readonly then: ReadonlyArray<Component<'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'CheckboxGroup' | 'DatePicker' | 'Dropdown' | 'EmbeddedLink' | 'Footer' | 'Image' | 'OptIn' | 'RadioButtonsGroup' | 'Switch' | 'TextArea' | 'TextInput' | 'If'>>;
  /** Components shown when the condition is false. */
  readonly else?: ReadonlyArray<Component<'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'CheckboxGroup' | 'DatePicker' | 'Dropdown' | 'EmbeddedLink' | 'Footer' | 'Image' | 'OptIn' | 'RadioButtonsGroup' | 'Switch' | 'TextArea' | 'TextInput' | 'If'>>;
}

/** Properties of Switch in Flow JSON 4.0 to 6.2. */
export interface SwitchProps_4_0 {
  /** Reference whose runtime value selects the case. */
  readonly value: string | Ref<unknown>;
  /** Map from case value to the components shown for it; not empty. */
  readonly cases: {
    readonly [key: string]: ReadonlyArray<Component<'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'CheckboxGroup' | 'DatePicker' | 'Dropdown' | 'EmbeddedLink' | 'Footer' | 'Image' | 'OptIn' | 'RadioButtonsGroup' | 'TextArea' | 'TextInput'>>;
  };
}

/** Properties of Switch in Flow JSON 6.3 to 7.3. */
export interface SwitchProps_6_3 {
  /** Reference whose runtime value selects the case. */
  readonly value: string | Ref<unknown>;
  /** Map from case value to the components shown for it; not empty. */
  readonly cases: {
    readonly [key: string]: ReadonlyArray<Component<'TextHeading' | 'TextSubheading' | 'TextBody' | 'TextCaption' | 'CheckboxGroup' | 'DatePicker' | 'Dropdown' | 'EmbeddedLink' | 'Footer' | 'Image' | 'OptIn' | 'RadioButtonsGroup' | 'TextArea' | 'TextInput' | 'ChipsSelector'>>;
  };
}

/** Properties of NavigationList in Flow JSON 6.2 to 7.3. */
export interface NavigationListProps_6_2 {
  /** Name of the list, unique on the screen. */
  readonly name: string;
  /** One to twenty items. */
  readonly 'list-items': ReadonlyArray<{
    /** Identifier of the item. */
    readonly id: string;
    /** Main text of the item. */
    readonly 'main-content': {
      /** Item title, at most 30 characters. */
      readonly title: string;
      /** Item description, at most 20 characters. */
      readonly description?: string;
      /** Item metadata, at most 80 characters. */
      readonly metadata?: string;
    };
    /** Trailing add-on; not allowed with media-size "large". */
    readonly end?: {
      /** Trailing title, at most 10 characters. */
      readonly title?: string;
      /** Trailing description, at most 10 characters. */
      readonly description?: string;
      /** Trailing metadata, at most 10 characters. */
      readonly metadata?: string;
    };
    /** Leading image add-on. */
    readonly start?: {
      /** Leading image, base64, up to 100 KB. */
      readonly image: string;
      /** Accessibility text for the image. */
      readonly 'alt-text'?: string;
    };
    /** Badge text, at most 15 characters; one badged item per list. */
    readonly badge?: string;
    /** Up to 3 tags of at most 15 characters. */
    readonly tags?: readonly string[];
    /** Runs when this item is tapped. */
    readonly 'on-click-action'?: DataExchangeAction | NavigateAction;
  }> | Dyn<ReadonlyArray<{
    /** Identifier of the item. */
    readonly id: string;
    /** Main text of the item. */
    readonly 'main-content': {
      /** Item title, at most 30 characters. */
      readonly title: string;
      /** Item description, at most 20 characters. */
      readonly description?: string;
      /** Item metadata, at most 80 characters. */
      readonly metadata?: string;
    };
    /** Trailing add-on; not allowed with media-size "large". */
    readonly end?: {
      /** Trailing title, at most 10 characters. */
      readonly title?: string;
      /** Trailing description, at most 10 characters. */
      readonly description?: string;
      /** Trailing metadata, at most 10 characters. */
      readonly metadata?: string;
    };
    /** Leading image add-on. */
    readonly start?: {
      /** Leading image, base64, up to 100 KB. */
      readonly image: string;
      /** Accessibility text for the image. */
      readonly 'alt-text'?: string;
    };
    /** Badge text, at most 15 characters; one badged item per list. */
    readonly badge?: string;
    /** Up to 3 tags of at most 15 characters. */
    readonly tags?: readonly string[];
    /** Runs when this item is tapped. */
    readonly 'on-click-action'?: DataExchangeAction | NavigateAction;
  }>>;
  /** Label above the list, at most 80 characters. */
  readonly label?: string | Dyn<string>;
  /** Text under the label, at most 300 characters. */
  readonly description?: string | Dyn<string>;
  /** Size of the item images. Default: "regular". */
  readonly 'media-size'?: 'regular' | 'large' | Dyn<'regular' | 'large'>;
  /** Runs when any item is tapped. */
  readonly 'on-click-action'?: DataExchangeAction | NavigateAction;
}

/** Properties of SingleColumnLayout in Flow JSON 2.1. */
export interface SingleColumnLayoutProps_2_1 {
  /** Components of the screen, top to bottom. */
  readonly children: readonly Component<ComponentType_2_1>[];
}

/** Properties of SingleColumnLayout in Flow JSON 3.0. */
export interface SingleColumnLayoutProps_3_0 {
  /** Components of the screen, top to bottom. */
  readonly children: readonly Component<ComponentType_3_0>[];
}

/** Properties of SingleColumnLayout in Flow JSON 3.1. */
export interface SingleColumnLayoutProps_3_1 {
  /** Components of the screen, top to bottom. */
  readonly children: readonly Component<ComponentType_3_1>[];
}

/** Properties of SingleColumnLayout in Flow JSON 4.0. */
export interface SingleColumnLayoutProps_4_0 {
  /** Components of the screen, top to bottom. */
  readonly children: readonly Component<ComponentType_4_0>[];
}

/** Properties of SingleColumnLayout in Flow JSON 5.0. */
export interface SingleColumnLayoutProps_5_0 {
  /** Components of the screen, top to bottom. */
  readonly children: readonly Component<ComponentType_5_0>[];
}

/** Properties of SingleColumnLayout in Flow JSON 5.1. */
export interface SingleColumnLayoutProps_5_1 {
  /** Components of the screen, top to bottom. */
  readonly children: readonly Component<ComponentType_5_1>[];
}

/** Properties of SingleColumnLayout in Flow JSON 6.0. */
export interface SingleColumnLayoutProps_6_0 {
  /** Components of the screen, top to bottom. */
  readonly children: readonly Component<ComponentType_6_0>[];
}

/** Properties of SingleColumnLayout in Flow JSON 6.1. */
export interface SingleColumnLayoutProps_6_1 {
  /** Components of the screen, top to bottom. */
  readonly children: readonly Component<ComponentType_6_1>[];
}

/** Properties of SingleColumnLayout in Flow JSON 6.2. */
export interface SingleColumnLayoutProps_6_2 {
  /** Components of the screen, top to bottom. */
  readonly children: readonly Component<ComponentType_6_2>[];
}

/** Properties of SingleColumnLayout in Flow JSON 6.3. */
export interface SingleColumnLayoutProps_6_3 {
  /** Components of the screen, top to bottom. */
  readonly children: readonly Component<ComponentType_6_3>[];
}

/** Properties of SingleColumnLayout in Flow JSON 7.0. */
export interface SingleColumnLayoutProps_7_0 {
  /** Components of the screen, top to bottom. */
  readonly children: readonly Component<ComponentType_7_0>[];
}

/** Properties of SingleColumnLayout in Flow JSON 7.1. */
export interface SingleColumnLayoutProps_7_1 {
  /** Components of the screen, top to bottom. */
  readonly children: readonly Component<ComponentType_7_1>[];
}

/** Properties of SingleColumnLayout in Flow JSON 7.2. */
export interface SingleColumnLayoutProps_7_2 {
  /** Components of the screen, top to bottom. */
  readonly children: readonly Component<ComponentType_7_2>[];
}

/** Properties of SingleColumnLayout in Flow JSON 7.3. */
export interface SingleColumnLayoutProps_7_3 {
  /** Components of the screen, top to bottom. */
  readonly children: readonly Component<ComponentType_7_3>[];
}

/** Properties of a screen in Flow JSON 2.1 to 5.0. */
export interface ScreenProps_2_1 {
  /** Text in the top navigation bar. */
  readonly title?: string | Dyn<string>;
  /** Whether the flow can end on this screen; needs a Footer. Default: false. */
  readonly terminal?: boolean;
  /** Whether ending on this terminal screen counts as success. Default: true. */
  readonly success?: boolean;
  /** Ask the endpoint for fresh data when the user goes back from this screen. Default: false. */
  readonly refresh_on_back?: boolean;
}

/** Properties of a screen in Flow JSON 5.1 to 7.3. */
export interface ScreenProps_5_1 {
  /** Text in the top navigation bar. */
  readonly title?: string | Dyn<string>;
  /** Whether the flow can end on this screen; needs a Footer. Default: false. */
  readonly terminal?: boolean;
  /** Whether ending on this terminal screen counts as success. Default: true. */
  readonly success?: boolean;
  /** Ask the endpoint for fresh data when the user goes back from this screen. Default: false. */
  readonly refresh_on_back?: boolean;
  /** Field names masked or hidden in the response summary. Default: []. */
  readonly sensitive?: readonly string[];
}

/** Top-level properties of a flow in Flow JSON 2.1. */
export interface FlowProps_2_1 {
  /** Data API version spoken with the flow endpoint. */
  readonly data_api_version?: '3.0' | '4.0';
  /** Endpoint URL; from 3.0 set through the Flows API instead. */
  readonly data_channel_uri?: string;
}

/** Top-level properties of a flow in Flow JSON 3.0 to 7.3. */
export interface FlowProps_3_0 {
  /** Data API version spoken with the flow endpoint. */
  readonly data_api_version?: '3.0' | '4.0';
}

/** The builders of Flow JSON 2.1: only what 2.1 has, typed as 2.1 has it. */
export interface Builders_2_1 extends CommonBuilders {
  readonly version: '2.1';
  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */
  readonly flow: FlowBuilder<'2.1', FlowProps_2_1>;
  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */
  readonly screen: ScreenBuilder<ScreenProps_2_1, Component<ComponentType_2_1>>;
  /** Groups input components; optional from Flow JSON 4.0. (Form, Flow JSON 2.1 and later) */
  readonly form: (props: FormProps_2_1) => Component<'Form'>;
  /** Top-level title of a screen. (TextHeading, Flow JSON 2.1 and later) */
  readonly textHeading: (props: TextHeadingProps_2_1) => Component<'TextHeading'>;
  /** Section title within a screen. (TextSubheading, Flow JSON 2.1 and later) */
  readonly textSubheading: (props: TextSubheadingProps_2_1) => Component<'TextSubheading'>;
  /** Paragraph of body text. (TextBody, Flow JSON 2.1 and later) */
  readonly textBody: (props: TextBodyProps_2_1) => Component<'TextBody'>;
  /** Small supporting text such as hints or disclaimers. (TextCaption, Flow JSON 2.1 and later) */
  readonly textCaption: (props: TextCaptionProps_2_1) => Component<'TextCaption'>;
  /** Single-line text field. (TextInput, Flow JSON 2.1 and later) */
  readonly textInput: (props: TextInputProps_2_1) => Component<'TextInput'>;
  /** Multi-line text field. (TextArea, Flow JSON 2.1 and later) */
  readonly textArea: (props: TextAreaProps_2_1) => Component<'TextArea'>;
  /** List of options the user may pick several of. (CheckboxGroup, Flow JSON 2.1 and later) */
  readonly checkboxGroup: (props: CheckboxGroupProps_2_1) => Component<'CheckboxGroup'>;
  /** List of options the user picks exactly one of. (RadioButtonsGroup, Flow JSON 2.1 and later) */
  readonly radioButtonsGroup: (props: RadioButtonsGroupProps_2_1) => Component<'RadioButtonsGroup'>;
  /** Select box for one option out of a long list. (Dropdown, Flow JSON 2.1 and later) */
  readonly dropdown: (props: DropdownProps_2_1) => Component<'Dropdown'>;
  /** Field that opens a date picker. (DatePicker, Flow JSON 2.1 and later) */
  readonly datePicker: (props: DatePickerProps_2_1) => Component<'DatePicker'>;
  /** Single checkbox for consent, with an optional "Read more" link. (OptIn, Flow JSON 2.1 and later) */
  readonly optIn: (props: OptInProps_2_1) => Component<'OptIn'>;
  /** Main button at the bottom of the screen. (Footer, Flow JSON 2.1 and later) */
  readonly footer: (props: FooterProps_2_1) => Component<'Footer'>;
  /** Tappable text link. (EmbeddedLink, Flow JSON 2.1 and later) */
  readonly embeddedLink: (props: EmbeddedLinkProps_2_1) => Component<'EmbeddedLink'>;
  /** Base64 JPEG or PNG image. (Image, Flow JSON 2.1 and later) */
  readonly image: (props: ImageProps_2_1) => Component<'Image'>;
  /** Vertical stack of components filling the screen. (SingleColumnLayout, Flow JSON 2.1 and later) */
  readonly singleColumnLayout: (props: SingleColumnLayoutProps_2_1) => Component<'SingleColumnLayout'>;
  readonly navigate: ActionBuilders['navigate'];
  readonly dataExchange: ActionBuilders['dataExchange'];
  readonly complete: ActionBuilders['complete'];
}

/** The builders of Flow JSON 3.0: only what 3.0 has, typed as 3.0 has it. */
export interface Builders_3_0 extends CommonBuilders {
  readonly version: '3.0';
  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */
  readonly flow: FlowBuilder<'3.0', FlowProps_3_0>;
  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */
  readonly screen: ScreenBuilder<ScreenProps_2_1, Component<ComponentType_3_0>>;
  /** Groups input components; optional from Flow JSON 4.0. (Form, Flow JSON 2.1 and later) */
  readonly form: (props: FormProps_3_0) => Component<'Form'>;
  /** Top-level title of a screen. (TextHeading, Flow JSON 2.1 and later) */
  readonly textHeading: (props: TextHeadingProps_2_1) => Component<'TextHeading'>;
  /** Section title within a screen. (TextSubheading, Flow JSON 2.1 and later) */
  readonly textSubheading: (props: TextSubheadingProps_2_1) => Component<'TextSubheading'>;
  /** Paragraph of body text. (TextBody, Flow JSON 2.1 and later) */
  readonly textBody: (props: TextBodyProps_2_1) => Component<'TextBody'>;
  /** Small supporting text such as hints or disclaimers. (TextCaption, Flow JSON 2.1 and later) */
  readonly textCaption: (props: TextCaptionProps_2_1) => Component<'TextCaption'>;
  /** Single-line text field. (TextInput, Flow JSON 2.1 and later) */
  readonly textInput: (props: TextInputProps_2_1) => Component<'TextInput'>;
  /** Multi-line text field. (TextArea, Flow JSON 2.1 and later) */
  readonly textArea: (props: TextAreaProps_2_1) => Component<'TextArea'>;
  /** List of options the user may pick several of. (CheckboxGroup, Flow JSON 2.1 and later) */
  readonly checkboxGroup: (props: CheckboxGroupProps_2_1) => Component<'CheckboxGroup'>;
  /** List of options the user picks exactly one of. (RadioButtonsGroup, Flow JSON 2.1 and later) */
  readonly radioButtonsGroup: (props: RadioButtonsGroupProps_2_1) => Component<'RadioButtonsGroup'>;
  /** Select box for one option out of a long list. (Dropdown, Flow JSON 2.1 and later) */
  readonly dropdown: (props: DropdownProps_2_1) => Component<'Dropdown'>;
  /** Field that opens a date picker. (DatePicker, Flow JSON 2.1 and later) */
  readonly datePicker: (props: DatePickerProps_2_1) => Component<'DatePicker'>;
  /** Single checkbox for consent, with an optional "Read more" link. (OptIn, Flow JSON 2.1 and later) */
  readonly optIn: (props: OptInProps_2_1) => Component<'OptIn'>;
  /** Main button at the bottom of the screen. (Footer, Flow JSON 2.1 and later) */
  readonly footer: (props: FooterProps_2_1) => Component<'Footer'>;
  /** Tappable text link. (EmbeddedLink, Flow JSON 2.1 and later) */
  readonly embeddedLink: (props: EmbeddedLinkProps_2_1) => Component<'EmbeddedLink'>;
  /** Base64 JPEG or PNG image. (Image, Flow JSON 2.1 and later) */
  readonly image: (props: ImageProps_2_1) => Component<'Image'>;
  /** Vertical stack of components filling the screen. (SingleColumnLayout, Flow JSON 2.1 and later) */
  readonly singleColumnLayout: (props: SingleColumnLayoutProps_3_0) => Component<'SingleColumnLayout'>;
  readonly navigate: ActionBuilders['navigate'];
  readonly dataExchange: ActionBuilders['dataExchange'];
  readonly complete: ActionBuilders['complete'];
}

/** The builders of Flow JSON 3.1: only what 3.1 has, typed as 3.1 has it. */
export interface Builders_3_1 extends CommonBuilders {
  readonly version: '3.1';
  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */
  readonly flow: FlowBuilder<'3.1', FlowProps_3_0>;
  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */
  readonly screen: ScreenBuilder<ScreenProps_2_1, Component<ComponentType_3_1>>;
  /** Groups input components; optional from Flow JSON 4.0. (Form, Flow JSON 2.1 and later) */
  readonly form: (props: FormProps_3_1) => Component<'Form'>;
  /** Top-level title of a screen. (TextHeading, Flow JSON 2.1 and later) */
  readonly textHeading: (props: TextHeadingProps_2_1) => Component<'TextHeading'>;
  /** Section title within a screen. (TextSubheading, Flow JSON 2.1 and later) */
  readonly textSubheading: (props: TextSubheadingProps_2_1) => Component<'TextSubheading'>;
  /** Paragraph of body text. (TextBody, Flow JSON 2.1 and later) */
  readonly textBody: (props: TextBodyProps_2_1) => Component<'TextBody'>;
  /** Small supporting text such as hints or disclaimers. (TextCaption, Flow JSON 2.1 and later) */
  readonly textCaption: (props: TextCaptionProps_2_1) => Component<'TextCaption'>;
  /** Single-line text field. (TextInput, Flow JSON 2.1 and later) */
  readonly textInput: (props: TextInputProps_2_1) => Component<'TextInput'>;
  /** Multi-line text field. (TextArea, Flow JSON 2.1 and later) */
  readonly textArea: (props: TextAreaProps_2_1) => Component<'TextArea'>;
  /** List of options the user may pick several of. (CheckboxGroup, Flow JSON 2.1 and later) */
  readonly checkboxGroup: (props: CheckboxGroupProps_2_1) => Component<'CheckboxGroup'>;
  /** List of options the user picks exactly one of. (RadioButtonsGroup, Flow JSON 2.1 and later) */
  readonly radioButtonsGroup: (props: RadioButtonsGroupProps_2_1) => Component<'RadioButtonsGroup'>;
  /** Select box for one option out of a long list. (Dropdown, Flow JSON 2.1 and later) */
  readonly dropdown: (props: DropdownProps_2_1) => Component<'Dropdown'>;
  /** Field that opens a date picker. (DatePicker, Flow JSON 2.1 and later) */
  readonly datePicker: (props: DatePickerProps_2_1) => Component<'DatePicker'>;
  /** Single checkbox for consent, with an optional "Read more" link. (OptIn, Flow JSON 2.1 and later) */
  readonly optIn: (props: OptInProps_2_1) => Component<'OptIn'>;
  /** Main button at the bottom of the screen. (Footer, Flow JSON 2.1 and later) */
  readonly footer: (props: FooterProps_2_1) => Component<'Footer'>;
  /** Tappable text link. (EmbeddedLink, Flow JSON 2.1 and later) */
  readonly embeddedLink: (props: EmbeddedLinkProps_2_1) => Component<'EmbeddedLink'>;
  /** Base64 JPEG or PNG image. (Image, Flow JSON 2.1 and later) */
  readonly image: (props: ImageProps_2_1) => Component<'Image'>;
  /** Vertical stack of components filling the screen. (SingleColumnLayout, Flow JSON 2.1 and later) */
  readonly singleColumnLayout: (props: SingleColumnLayoutProps_3_1) => Component<'SingleColumnLayout'>;
  readonly navigate: ActionBuilders['navigate'];
  readonly dataExchange: ActionBuilders['dataExchange'];
  readonly complete: ActionBuilders['complete'];
}

/** The builders of Flow JSON 4.0: only what 4.0 has, typed as 4.0 has it. */
export interface Builders_4_0 extends CommonBuilders {
  readonly version: '4.0';
  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */
  readonly flow: FlowBuilder<'4.0', FlowProps_3_0>;
  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */
  readonly screen: ScreenBuilder<ScreenProps_2_1, Component<ComponentType_4_0>>;
  /** Groups input components; optional from Flow JSON 4.0. (Form, Flow JSON 2.1 and later) */
  readonly form: (props: FormProps_4_0) => Component<'Form'>;
  /** Top-level title of a screen. (TextHeading, Flow JSON 2.1 and later) */
  readonly textHeading: (props: TextHeadingProps_2_1) => Component<'TextHeading'>;
  /** Section title within a screen. (TextSubheading, Flow JSON 2.1 and later) */
  readonly textSubheading: (props: TextSubheadingProps_2_1) => Component<'TextSubheading'>;
  /** Paragraph of body text. (TextBody, Flow JSON 2.1 and later) */
  readonly textBody: (props: TextBodyProps_2_1) => Component<'TextBody'>;
  /** Small supporting text such as hints or disclaimers. (TextCaption, Flow JSON 2.1 and later) */
  readonly textCaption: (props: TextCaptionProps_2_1) => Component<'TextCaption'>;
  /** Single-line text field. (TextInput, Flow JSON 2.1 and later) */
  readonly textInput: (props: TextInputProps_4_0) => Component<'TextInput'>;
  /** Multi-line text field. (TextArea, Flow JSON 2.1 and later) */
  readonly textArea: (props: TextAreaProps_4_0) => Component<'TextArea'>;
  /** List of options the user may pick several of. (CheckboxGroup, Flow JSON 2.1 and later) */
  readonly checkboxGroup: (props: CheckboxGroupProps_4_0) => Component<'CheckboxGroup'>;
  /** List of options the user picks exactly one of. (RadioButtonsGroup, Flow JSON 2.1 and later) */
  readonly radioButtonsGroup: (props: RadioButtonsGroupProps_4_0) => Component<'RadioButtonsGroup'>;
  /** Select box for one option out of a long list. (Dropdown, Flow JSON 2.1 and later) */
  readonly dropdown: (props: DropdownProps_4_0) => Component<'Dropdown'>;
  /** Field that opens a date picker. (DatePicker, Flow JSON 2.1 and later) */
  readonly datePicker: (props: DatePickerProps_4_0) => Component<'DatePicker'>;
  /** Single checkbox for consent, with an optional "Read more" link. (OptIn, Flow JSON 2.1 and later) */
  readonly optIn: (props: OptInProps_4_0) => Component<'OptIn'>;
  /** Main button at the bottom of the screen. (Footer, Flow JSON 2.1 and later) */
  readonly footer: (props: FooterProps_2_1) => Component<'Footer'>;
  /** Tappable text link. (EmbeddedLink, Flow JSON 2.1 and later) */
  readonly embeddedLink: (props: EmbeddedLinkProps_2_1) => Component<'EmbeddedLink'>;
  /** Base64 JPEG or PNG image. (Image, Flow JSON 2.1 and later) */
  readonly image: (props: ImageProps_2_1) => Component<'Image'>;
  /** Lets the user take or pick photos to upload. (PhotoPicker, Flow JSON 4.0 and later) */
  readonly photoPicker: (props: PhotoPickerProps_4_0) => Component<'PhotoPicker'>;
  /** Lets the user pick documents to upload. (DocumentPicker, Flow JSON 4.0 and later) */
  readonly documentPicker: (props: DocumentPickerProps_4_0) => Component<'DocumentPicker'>;
  /** Shows one of two sets of components depending on a boolean condition. (If, Flow JSON 4.0 and later) */
  readonly ifThen: (props: IfProps_4_0) => Component<'If'>;
  /** Shows the set of components whose case key matches a value. (Switch, Flow JSON 4.0 and later) */
  readonly switchOn: (props: SwitchProps_4_0) => Component<'Switch'>;
  /** Vertical stack of components filling the screen. (SingleColumnLayout, Flow JSON 2.1 and later) */
  readonly singleColumnLayout: (props: SingleColumnLayoutProps_4_0) => Component<'SingleColumnLayout'>;
  readonly navigate: ActionBuilders['navigate'];
  readonly dataExchange: ActionBuilders['dataExchange'];
  readonly complete: ActionBuilders['complete'];
}

/** The builders of Flow JSON 5.0: only what 5.0 has, typed as 5.0 has it. */
export interface Builders_5_0 extends CommonBuilders {
  readonly version: '5.0';
  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */
  readonly flow: FlowBuilder<'5.0', FlowProps_3_0>;
  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */
  readonly screen: ScreenBuilder<ScreenProps_2_1, Component<ComponentType_5_0>>;
  /** Groups input components; optional from Flow JSON 4.0. (Form, Flow JSON 2.1 and later) */
  readonly form: (props: FormProps_5_0) => Component<'Form'>;
  /** Top-level title of a screen. (TextHeading, Flow JSON 2.1 and later) */
  readonly textHeading: (props: TextHeadingProps_2_1) => Component<'TextHeading'>;
  /** Section title within a screen. (TextSubheading, Flow JSON 2.1 and later) */
  readonly textSubheading: (props: TextSubheadingProps_2_1) => Component<'TextSubheading'>;
  /** Paragraph of body text. (TextBody, Flow JSON 2.1 and later) */
  readonly textBody: (props: TextBodyProps_2_1) => Component<'TextBody'>;
  /** Small supporting text such as hints or disclaimers. (TextCaption, Flow JSON 2.1 and later) */
  readonly textCaption: (props: TextCaptionProps_2_1) => Component<'TextCaption'>;
  /** Single-line text field. (TextInput, Flow JSON 2.1 and later) */
  readonly textInput: (props: TextInputProps_4_0) => Component<'TextInput'>;
  /** Multi-line text field. (TextArea, Flow JSON 2.1 and later) */
  readonly textArea: (props: TextAreaProps_4_0) => Component<'TextArea'>;
  /** List of options the user may pick several of. (CheckboxGroup, Flow JSON 2.1 and later) */
  readonly checkboxGroup: (props: CheckboxGroupProps_5_0) => Component<'CheckboxGroup'>;
  /** List of options the user picks exactly one of. (RadioButtonsGroup, Flow JSON 2.1 and later) */
  readonly radioButtonsGroup: (props: RadioButtonsGroupProps_5_0) => Component<'RadioButtonsGroup'>;
  /** Select box for one option out of a long list. (Dropdown, Flow JSON 2.1 and later) */
  readonly dropdown: (props: DropdownProps_5_0) => Component<'Dropdown'>;
  /** Field that opens a date picker. (DatePicker, Flow JSON 2.1 and later) */
  readonly datePicker: (props: DatePickerProps_4_0) => Component<'DatePicker'>;
  /** Single checkbox for consent, with an optional "Read more" link. (OptIn, Flow JSON 2.1 and later) */
  readonly optIn: (props: OptInProps_4_0) => Component<'OptIn'>;
  /** Main button at the bottom of the screen. (Footer, Flow JSON 2.1 and later) */
  readonly footer: (props: FooterProps_2_1) => Component<'Footer'>;
  /** Tappable text link. (EmbeddedLink, Flow JSON 2.1 and later) */
  readonly embeddedLink: (props: EmbeddedLinkProps_2_1) => Component<'EmbeddedLink'>;
  /** Base64 JPEG or PNG image. (Image, Flow JSON 2.1 and later) */
  readonly image: (props: ImageProps_2_1) => Component<'Image'>;
  /** Lets the user take or pick photos to upload. (PhotoPicker, Flow JSON 4.0 and later) */
  readonly photoPicker: (props: PhotoPickerProps_4_0) => Component<'PhotoPicker'>;
  /** Lets the user pick documents to upload. (DocumentPicker, Flow JSON 4.0 and later) */
  readonly documentPicker: (props: DocumentPickerProps_4_0) => Component<'DocumentPicker'>;
  /** Shows one of two sets of components depending on a boolean condition. (If, Flow JSON 4.0 and later) */
  readonly ifThen: (props: IfProps_4_0) => Component<'If'>;
  /** Shows the set of components whose case key matches a value. (Switch, Flow JSON 4.0 and later) */
  readonly switchOn: (props: SwitchProps_4_0) => Component<'Switch'>;
  /** Vertical stack of components filling the screen. (SingleColumnLayout, Flow JSON 2.1 and later) */
  readonly singleColumnLayout: (props: SingleColumnLayoutProps_5_0) => Component<'SingleColumnLayout'>;
  readonly navigate: ActionBuilders['navigate'];
  readonly dataExchange: ActionBuilders['dataExchange'];
  readonly complete: ActionBuilders['complete'];
}

/** The builders of Flow JSON 5.1: only what 5.1 has, typed as 5.1 has it. */
export interface Builders_5_1 extends CommonBuilders {
  readonly version: '5.1';
  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */
  readonly flow: FlowBuilder<'5.1', FlowProps_3_0>;
  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */
  readonly screen: ScreenBuilder<ScreenProps_5_1, Component<ComponentType_5_1>>;
  /** Groups input components; optional from Flow JSON 4.0. (Form, Flow JSON 2.1 and later) */
  readonly form: (props: FormProps_5_1) => Component<'Form'>;
  /** Top-level title of a screen. (TextHeading, Flow JSON 2.1 and later) */
  readonly textHeading: (props: TextHeadingProps_2_1) => Component<'TextHeading'>;
  /** Section title within a screen. (TextSubheading, Flow JSON 2.1 and later) */
  readonly textSubheading: (props: TextSubheadingProps_2_1) => Component<'TextSubheading'>;
  /** Paragraph of body text. (TextBody, Flow JSON 2.1 and later) */
  readonly textBody: (props: TextBodyProps_5_1) => Component<'TextBody'>;
  /** Small supporting text such as hints or disclaimers. (TextCaption, Flow JSON 2.1 and later) */
  readonly textCaption: (props: TextCaptionProps_5_1) => Component<'TextCaption'>;
  /** Long markdown text with headings, lists, tables, links and inline images. (RichText, Flow JSON 5.1 and later) */
  readonly richText: (props: RichTextProps_5_1) => Component<'RichText'>;
  /** Single-line text field. (TextInput, Flow JSON 2.1 and later) */
  readonly textInput: (props: TextInputProps_4_0) => Component<'TextInput'>;
  /** Multi-line text field. (TextArea, Flow JSON 2.1 and later) */
  readonly textArea: (props: TextAreaProps_4_0) => Component<'TextArea'>;
  /** List of options the user may pick several of. (CheckboxGroup, Flow JSON 2.1 and later) */
  readonly checkboxGroup: (props: CheckboxGroupProps_5_0) => Component<'CheckboxGroup'>;
  /** List of options the user picks exactly one of. (RadioButtonsGroup, Flow JSON 2.1 and later) */
  readonly radioButtonsGroup: (props: RadioButtonsGroupProps_5_0) => Component<'RadioButtonsGroup'>;
  /** Select box for one option out of a long list. (Dropdown, Flow JSON 2.1 and later) */
  readonly dropdown: (props: DropdownProps_5_0) => Component<'Dropdown'>;
  /** Field that opens a date picker. (DatePicker, Flow JSON 2.1 and later) */
  readonly datePicker: (props: DatePickerProps_4_0) => Component<'DatePicker'>;
  /** Single checkbox for consent, with an optional "Read more" link. (OptIn, Flow JSON 2.1 and later) */
  readonly optIn: (props: OptInProps_4_0) => Component<'OptIn'>;
  /** Main button at the bottom of the screen. (Footer, Flow JSON 2.1 and later) */
  readonly footer: (props: FooterProps_2_1) => Component<'Footer'>;
  /** Tappable text link. (EmbeddedLink, Flow JSON 2.1 and later) */
  readonly embeddedLink: (props: EmbeddedLinkProps_2_1) => Component<'EmbeddedLink'>;
  /** Base64 JPEG or PNG image. (Image, Flow JSON 2.1 and later) */
  readonly image: (props: ImageProps_2_1) => Component<'Image'>;
  /** Lets the user take or pick photos to upload. (PhotoPicker, Flow JSON 4.0 and later) */
  readonly photoPicker: (props: PhotoPickerProps_4_0) => Component<'PhotoPicker'>;
  /** Lets the user pick documents to upload. (DocumentPicker, Flow JSON 4.0 and later) */
  readonly documentPicker: (props: DocumentPickerProps_4_0) => Component<'DocumentPicker'>;
  /** Shows one of two sets of components depending on a boolean condition. (If, Flow JSON 4.0 and later) */
  readonly ifThen: (props: IfProps_4_0) => Component<'If'>;
  /** Shows the set of components whose case key matches a value. (Switch, Flow JSON 4.0 and later) */
  readonly switchOn: (props: SwitchProps_4_0) => Component<'Switch'>;
  /** Vertical stack of components filling the screen. (SingleColumnLayout, Flow JSON 2.1 and later) */
  readonly singleColumnLayout: (props: SingleColumnLayoutProps_5_1) => Component<'SingleColumnLayout'>;
  readonly navigate: ActionBuilders['navigate'];
  readonly dataExchange: ActionBuilders['dataExchange'];
  readonly complete: ActionBuilders['complete'];
}

/** The builders of Flow JSON 6.0: only what 6.0 has, typed as 6.0 has it. */
export interface Builders_6_0 extends CommonBuilders {
  readonly version: '6.0';
  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */
  readonly flow: FlowBuilder<'6.0', FlowProps_3_0>;
  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */
  readonly screen: ScreenBuilder<ScreenProps_5_1, Component<ComponentType_6_0>>;
  /** Groups input components; optional from Flow JSON 4.0. (Form, Flow JSON 2.1 and later) */
  readonly form: (props: FormProps_6_0) => Component<'Form'>;
  /** Top-level title of a screen. (TextHeading, Flow JSON 2.1 and later) */
  readonly textHeading: (props: TextHeadingProps_2_1) => Component<'TextHeading'>;
  /** Section title within a screen. (TextSubheading, Flow JSON 2.1 and later) */
  readonly textSubheading: (props: TextSubheadingProps_2_1) => Component<'TextSubheading'>;
  /** Paragraph of body text. (TextBody, Flow JSON 2.1 and later) */
  readonly textBody: (props: TextBodyProps_5_1) => Component<'TextBody'>;
  /** Small supporting text such as hints or disclaimers. (TextCaption, Flow JSON 2.1 and later) */
  readonly textCaption: (props: TextCaptionProps_5_1) => Component<'TextCaption'>;
  /** Long markdown text with headings, lists, tables, links and inline images. (RichText, Flow JSON 5.1 and later) */
  readonly richText: (props: RichTextProps_5_1) => Component<'RichText'>;
  /** Single-line text field. (TextInput, Flow JSON 2.1 and later) */
  readonly textInput: (props: TextInputProps_4_0) => Component<'TextInput'>;
  /** Multi-line text field. (TextArea, Flow JSON 2.1 and later) */
  readonly textArea: (props: TextAreaProps_4_0) => Component<'TextArea'>;
  /** List of options the user may pick several of. (CheckboxGroup, Flow JSON 2.1 and later) */
  readonly checkboxGroup: (props: CheckboxGroupProps_6_0) => Component<'CheckboxGroup'>;
  /** List of options the user picks exactly one of. (RadioButtonsGroup, Flow JSON 2.1 and later) */
  readonly radioButtonsGroup: (props: RadioButtonsGroupProps_6_0) => Component<'RadioButtonsGroup'>;
  /** Select box for one option out of a long list. (Dropdown, Flow JSON 2.1 and later) */
  readonly dropdown: (props: DropdownProps_6_0) => Component<'Dropdown'>;
  /** Field that opens a date picker. (DatePicker, Flow JSON 2.1 and later) */
  readonly datePicker: (props: DatePickerProps_4_0) => Component<'DatePicker'>;
  /** Single checkbox for consent, with an optional "Read more" link. (OptIn, Flow JSON 2.1 and later) */
  readonly optIn: (props: OptInProps_6_0) => Component<'OptIn'>;
  /** Main button at the bottom of the screen. (Footer, Flow JSON 2.1 and later) */
  readonly footer: (props: FooterProps_2_1) => Component<'Footer'>;
  /** Tappable text link. (EmbeddedLink, Flow JSON 2.1 and later) */
  readonly embeddedLink: (props: EmbeddedLinkProps_6_0) => Component<'EmbeddedLink'>;
  /** Base64 JPEG or PNG image. (Image, Flow JSON 2.1 and later) */
  readonly image: (props: ImageProps_2_1) => Component<'Image'>;
  /** Lets the user take or pick photos to upload. (PhotoPicker, Flow JSON 4.0 and later) */
  readonly photoPicker: (props: PhotoPickerProps_4_0) => Component<'PhotoPicker'>;
  /** Lets the user pick documents to upload. (DocumentPicker, Flow JSON 4.0 and later) */
  readonly documentPicker: (props: DocumentPickerProps_4_0) => Component<'DocumentPicker'>;
  /** Shows one of two sets of components depending on a boolean condition. (If, Flow JSON 4.0 and later) */
  readonly ifThen: (props: IfProps_4_0) => Component<'If'>;
  /** Shows the set of components whose case key matches a value. (Switch, Flow JSON 4.0 and later) */
  readonly switchOn: (props: SwitchProps_4_0) => Component<'Switch'>;
  /** Vertical stack of components filling the screen. (SingleColumnLayout, Flow JSON 2.1 and later) */
  readonly singleColumnLayout: (props: SingleColumnLayoutProps_6_0) => Component<'SingleColumnLayout'>;
  readonly navigate: ActionBuilders['navigate'];
  readonly dataExchange: ActionBuilders['dataExchange'];
  readonly complete: ActionBuilders['complete'];
  readonly updateData: ActionBuilders['updateData'];
  readonly openUrl: ActionBuilders['openUrl'];
}

/** The builders of Flow JSON 6.1: only what 6.1 has, typed as 6.1 has it. */
export interface Builders_6_1 extends CommonBuilders {
  readonly version: '6.1';
  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */
  readonly flow: FlowBuilder<'6.1', FlowProps_3_0>;
  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */
  readonly screen: ScreenBuilder<ScreenProps_5_1, Component<ComponentType_6_1>>;
  /** Groups input components; optional from Flow JSON 4.0. (Form, Flow JSON 2.1 and later) */
  readonly form: (props: FormProps_6_1) => Component<'Form'>;
  /** Top-level title of a screen. (TextHeading, Flow JSON 2.1 and later) */
  readonly textHeading: (props: TextHeadingProps_2_1) => Component<'TextHeading'>;
  /** Section title within a screen. (TextSubheading, Flow JSON 2.1 and later) */
  readonly textSubheading: (props: TextSubheadingProps_2_1) => Component<'TextSubheading'>;
  /** Paragraph of body text. (TextBody, Flow JSON 2.1 and later) */
  readonly textBody: (props: TextBodyProps_5_1) => Component<'TextBody'>;
  /** Small supporting text such as hints or disclaimers. (TextCaption, Flow JSON 2.1 and later) */
  readonly textCaption: (props: TextCaptionProps_5_1) => Component<'TextCaption'>;
  /** Long markdown text with headings, lists, tables, links and inline images. (RichText, Flow JSON 5.1 and later) */
  readonly richText: (props: RichTextProps_5_1) => Component<'RichText'>;
  /** Single-line text field. (TextInput, Flow JSON 2.1 and later) */
  readonly textInput: (props: TextInputProps_4_0) => Component<'TextInput'>;
  /** Multi-line text field. (TextArea, Flow JSON 2.1 and later) */
  readonly textArea: (props: TextAreaProps_4_0) => Component<'TextArea'>;
  /** List of options the user may pick several of. (CheckboxGroup, Flow JSON 2.1 and later) */
  readonly checkboxGroup: (props: CheckboxGroupProps_6_0) => Component<'CheckboxGroup'>;
  /** List of options the user picks exactly one of. (RadioButtonsGroup, Flow JSON 2.1 and later) */
  readonly radioButtonsGroup: (props: RadioButtonsGroupProps_6_0) => Component<'RadioButtonsGroup'>;
  /** Select box for one option out of a long list. (Dropdown, Flow JSON 2.1 and later) */
  readonly dropdown: (props: DropdownProps_6_0) => Component<'Dropdown'>;
  /** Field that opens a date picker. (DatePicker, Flow JSON 2.1 and later) */
  readonly datePicker: (props: DatePickerProps_4_0) => Component<'DatePicker'>;
  /** Full calendar for picking one date or a date range. (CalendarPicker, Flow JSON 6.1 and later) */
  readonly calendarPicker: (props: CalendarPickerProps_6_1) => Component<'CalendarPicker'>;
  /** Single checkbox for consent, with an optional "Read more" link. (OptIn, Flow JSON 2.1 and later) */
  readonly optIn: (props: OptInProps_6_0) => Component<'OptIn'>;
  /** Main button at the bottom of the screen. (Footer, Flow JSON 2.1 and later) */
  readonly footer: (props: FooterProps_2_1) => Component<'Footer'>;
  /** Tappable text link. (EmbeddedLink, Flow JSON 2.1 and later) */
  readonly embeddedLink: (props: EmbeddedLinkProps_6_0) => Component<'EmbeddedLink'>;
  /** Base64 JPEG or PNG image. (Image, Flow JSON 2.1 and later) */
  readonly image: (props: ImageProps_2_1) => Component<'Image'>;
  /** Lets the user take or pick photos to upload. (PhotoPicker, Flow JSON 4.0 and later) */
  readonly photoPicker: (props: PhotoPickerProps_4_0) => Component<'PhotoPicker'>;
  /** Lets the user pick documents to upload. (DocumentPicker, Flow JSON 4.0 and later) */
  readonly documentPicker: (props: DocumentPickerProps_4_0) => Component<'DocumentPicker'>;
  /** Shows one of two sets of components depending on a boolean condition. (If, Flow JSON 4.0 and later) */
  readonly ifThen: (props: IfProps_4_0) => Component<'If'>;
  /** Shows the set of components whose case key matches a value. (Switch, Flow JSON 4.0 and later) */
  readonly switchOn: (props: SwitchProps_4_0) => Component<'Switch'>;
  /** Vertical stack of components filling the screen. (SingleColumnLayout, Flow JSON 2.1 and later) */
  readonly singleColumnLayout: (props: SingleColumnLayoutProps_6_1) => Component<'SingleColumnLayout'>;
  readonly navigate: ActionBuilders['navigate'];
  readonly dataExchange: ActionBuilders['dataExchange'];
  readonly complete: ActionBuilders['complete'];
  readonly updateData: ActionBuilders['updateData'];
  readonly openUrl: ActionBuilders['openUrl'];
}

/** The builders of Flow JSON 6.2: only what 6.2 has, typed as 6.2 has it. */
export interface Builders_6_2 extends CommonBuilders {
  readonly version: '6.2';
  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */
  readonly flow: FlowBuilder<'6.2', FlowProps_3_0>;
  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */
  readonly screen: ScreenBuilder<ScreenProps_5_1, Component<ComponentType_6_2>>;
  /** Groups input components; optional from Flow JSON 4.0. (Form, Flow JSON 2.1 and later) */
  readonly form: (props: FormProps_6_2) => Component<'Form'>;
  /** Top-level title of a screen. (TextHeading, Flow JSON 2.1 and later) */
  readonly textHeading: (props: TextHeadingProps_2_1) => Component<'TextHeading'>;
  /** Section title within a screen. (TextSubheading, Flow JSON 2.1 and later) */
  readonly textSubheading: (props: TextSubheadingProps_2_1) => Component<'TextSubheading'>;
  /** Paragraph of body text. (TextBody, Flow JSON 2.1 and later) */
  readonly textBody: (props: TextBodyProps_5_1) => Component<'TextBody'>;
  /** Small supporting text such as hints or disclaimers. (TextCaption, Flow JSON 2.1 and later) */
  readonly textCaption: (props: TextCaptionProps_5_1) => Component<'TextCaption'>;
  /** Long markdown text with headings, lists, tables, links and inline images. (RichText, Flow JSON 5.1 and later) */
  readonly richText: (props: RichTextProps_5_1) => Component<'RichText'>;
  /** Single-line text field. (TextInput, Flow JSON 2.1 and later) */
  readonly textInput: (props: TextInputProps_6_2) => Component<'TextInput'>;
  /** Multi-line text field. (TextArea, Flow JSON 2.1 and later) */
  readonly textArea: (props: TextAreaProps_4_0) => Component<'TextArea'>;
  /** List of options the user may pick several of. (CheckboxGroup, Flow JSON 2.1 and later) */
  readonly checkboxGroup: (props: CheckboxGroupProps_6_0) => Component<'CheckboxGroup'>;
  /** List of options the user picks exactly one of. (RadioButtonsGroup, Flow JSON 2.1 and later) */
  readonly radioButtonsGroup: (props: RadioButtonsGroupProps_6_0) => Component<'RadioButtonsGroup'>;
  /** Select box for one option out of a long list. (Dropdown, Flow JSON 2.1 and later) */
  readonly dropdown: (props: DropdownProps_6_0) => Component<'Dropdown'>;
  /** Field that opens a date picker. (DatePicker, Flow JSON 2.1 and later) */
  readonly datePicker: (props: DatePickerProps_4_0) => Component<'DatePicker'>;
  /** Full calendar for picking one date or a date range. (CalendarPicker, Flow JSON 6.1 and later) */
  readonly calendarPicker: (props: CalendarPickerProps_6_1) => Component<'CalendarPicker'>;
  /** Single checkbox for consent, with an optional "Read more" link. (OptIn, Flow JSON 2.1 and later) */
  readonly optIn: (props: OptInProps_6_0) => Component<'OptIn'>;
  /** Main button at the bottom of the screen. (Footer, Flow JSON 2.1 and later) */
  readonly footer: (props: FooterProps_2_1) => Component<'Footer'>;
  /** Tappable text link. (EmbeddedLink, Flow JSON 2.1 and later) */
  readonly embeddedLink: (props: EmbeddedLinkProps_6_0) => Component<'EmbeddedLink'>;
  /** Base64 JPEG or PNG image. (Image, Flow JSON 2.1 and later) */
  readonly image: (props: ImageProps_2_1) => Component<'Image'>;
  /** Lets the user take or pick photos to upload. (PhotoPicker, Flow JSON 4.0 and later) */
  readonly photoPicker: (props: PhotoPickerProps_4_0) => Component<'PhotoPicker'>;
  /** Lets the user pick documents to upload. (DocumentPicker, Flow JSON 4.0 and later) */
  readonly documentPicker: (props: DocumentPickerProps_4_0) => Component<'DocumentPicker'>;
  /** Shows one of two sets of components depending on a boolean condition. (If, Flow JSON 4.0 and later) */
  readonly ifThen: (props: IfProps_4_0) => Component<'If'>;
  /** Shows the set of components whose case key matches a value. (Switch, Flow JSON 4.0 and later) */
  readonly switchOn: (props: SwitchProps_4_0) => Component<'Switch'>;
  /** List of rich items that each lead somewhere when tapped. (NavigationList, Flow JSON 6.2 and later) */
  readonly navigationList: (props: NavigationListProps_6_2) => Component<'NavigationList'>;
  /** Vertical stack of components filling the screen. (SingleColumnLayout, Flow JSON 2.1 and later) */
  readonly singleColumnLayout: (props: SingleColumnLayoutProps_6_2) => Component<'SingleColumnLayout'>;
  readonly navigate: ActionBuilders['navigate'];
  readonly dataExchange: ActionBuilders['dataExchange'];
  readonly complete: ActionBuilders['complete'];
  readonly updateData: ActionBuilders['updateData'];
  readonly openUrl: ActionBuilders['openUrl'];
}

/** The builders of Flow JSON 6.3: only what 6.3 has, typed as 6.3 has it. */
export interface Builders_6_3 extends CommonBuilders {
  readonly version: '6.3';
  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */
  readonly flow: FlowBuilder<'6.3', FlowProps_3_0>;
  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */
  readonly screen: ScreenBuilder<ScreenProps_5_1, Component<ComponentType_6_3>>;
  /** Groups input components; optional from Flow JSON 4.0. (Form, Flow JSON 2.1 and later) */
  readonly form: (props: FormProps_6_3) => Component<'Form'>;
  /** Top-level title of a screen. (TextHeading, Flow JSON 2.1 and later) */
  readonly textHeading: (props: TextHeadingProps_2_1) => Component<'TextHeading'>;
  /** Section title within a screen. (TextSubheading, Flow JSON 2.1 and later) */
  readonly textSubheading: (props: TextSubheadingProps_2_1) => Component<'TextSubheading'>;
  /** Paragraph of body text. (TextBody, Flow JSON 2.1 and later) */
  readonly textBody: (props: TextBodyProps_5_1) => Component<'TextBody'>;
  /** Small supporting text such as hints or disclaimers. (TextCaption, Flow JSON 2.1 and later) */
  readonly textCaption: (props: TextCaptionProps_5_1) => Component<'TextCaption'>;
  /** Long markdown text with headings, lists, tables, links and inline images. (RichText, Flow JSON 5.1 and later) */
  readonly richText: (props: RichTextProps_5_1) => Component<'RichText'>;
  /** Single-line text field. (TextInput, Flow JSON 2.1 and later) */
  readonly textInput: (props: TextInputProps_6_2) => Component<'TextInput'>;
  /** Multi-line text field. (TextArea, Flow JSON 2.1 and later) */
  readonly textArea: (props: TextAreaProps_4_0) => Component<'TextArea'>;
  /** List of options the user may pick several of. (CheckboxGroup, Flow JSON 2.1 and later) */
  readonly checkboxGroup: (props: CheckboxGroupProps_6_0) => Component<'CheckboxGroup'>;
  /** List of options the user picks exactly one of. (RadioButtonsGroup, Flow JSON 2.1 and later) */
  readonly radioButtonsGroup: (props: RadioButtonsGroupProps_6_0) => Component<'RadioButtonsGroup'>;
  /** Compact chips the user may pick several of. (ChipsSelector, Flow JSON 6.3 and later) */
  readonly chipsSelector: (props: ChipsSelectorProps_6_3) => Component<'ChipsSelector'>;
  /** Select box for one option out of a long list. (Dropdown, Flow JSON 2.1 and later) */
  readonly dropdown: (props: DropdownProps_6_0) => Component<'Dropdown'>;
  /** Field that opens a date picker. (DatePicker, Flow JSON 2.1 and later) */
  readonly datePicker: (props: DatePickerProps_4_0) => Component<'DatePicker'>;
  /** Full calendar for picking one date or a date range. (CalendarPicker, Flow JSON 6.1 and later) */
  readonly calendarPicker: (props: CalendarPickerProps_6_1) => Component<'CalendarPicker'>;
  /** Single checkbox for consent, with an optional "Read more" link. (OptIn, Flow JSON 2.1 and later) */
  readonly optIn: (props: OptInProps_6_0) => Component<'OptIn'>;
  /** Main button at the bottom of the screen. (Footer, Flow JSON 2.1 and later) */
  readonly footer: (props: FooterProps_2_1) => Component<'Footer'>;
  /** Tappable text link. (EmbeddedLink, Flow JSON 2.1 and later) */
  readonly embeddedLink: (props: EmbeddedLinkProps_6_0) => Component<'EmbeddedLink'>;
  /** Base64 JPEG or PNG image. (Image, Flow JSON 2.1 and later) */
  readonly image: (props: ImageProps_2_1) => Component<'Image'>;
  /** Lets the user take or pick photos to upload. (PhotoPicker, Flow JSON 4.0 and later) */
  readonly photoPicker: (props: PhotoPickerProps_4_0) => Component<'PhotoPicker'>;
  /** Lets the user pick documents to upload. (DocumentPicker, Flow JSON 4.0 and later) */
  readonly documentPicker: (props: DocumentPickerProps_4_0) => Component<'DocumentPicker'>;
  /** Shows one of two sets of components depending on a boolean condition. (If, Flow JSON 4.0 and later) */
  readonly ifThen: (props: IfProps_4_0) => Component<'If'>;
  /** Shows the set of components whose case key matches a value. (Switch, Flow JSON 4.0 and later) */
  readonly switchOn: (props: SwitchProps_6_3) => Component<'Switch'>;
  /** List of rich items that each lead somewhere when tapped. (NavigationList, Flow JSON 6.2 and later) */
  readonly navigationList: (props: NavigationListProps_6_2) => Component<'NavigationList'>;
  /** Vertical stack of components filling the screen. (SingleColumnLayout, Flow JSON 2.1 and later) */
  readonly singleColumnLayout: (props: SingleColumnLayoutProps_6_3) => Component<'SingleColumnLayout'>;
  readonly navigate: ActionBuilders['navigate'];
  readonly dataExchange: ActionBuilders['dataExchange'];
  readonly complete: ActionBuilders['complete'];
  readonly updateData: ActionBuilders['updateData'];
  readonly openUrl: ActionBuilders['openUrl'];
}

/** The builders of Flow JSON 7.0: only what 7.0 has, typed as 7.0 has it. */
export interface Builders_7_0 extends CommonBuilders {
  readonly version: '7.0';
  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */
  readonly flow: FlowBuilder<'7.0', FlowProps_3_0>;
  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */
  readonly screen: ScreenBuilder<ScreenProps_5_1, Component<ComponentType_7_0>>;
  /** Groups input components; optional from Flow JSON 4.0. (Form, Flow JSON 2.1 and later) */
  readonly form: (props: FormProps_7_0) => Component<'Form'>;
  /** Top-level title of a screen. (TextHeading, Flow JSON 2.1 and later) */
  readonly textHeading: (props: TextHeadingProps_2_1) => Component<'TextHeading'>;
  /** Section title within a screen. (TextSubheading, Flow JSON 2.1 and later) */
  readonly textSubheading: (props: TextSubheadingProps_2_1) => Component<'TextSubheading'>;
  /** Paragraph of body text. (TextBody, Flow JSON 2.1 and later) */
  readonly textBody: (props: TextBodyProps_5_1) => Component<'TextBody'>;
  /** Small supporting text such as hints or disclaimers. (TextCaption, Flow JSON 2.1 and later) */
  readonly textCaption: (props: TextCaptionProps_5_1) => Component<'TextCaption'>;
  /** Long markdown text with headings, lists, tables, links and inline images. (RichText, Flow JSON 5.1 and later) */
  readonly richText: (props: RichTextProps_5_1) => Component<'RichText'>;
  /** Single-line text field. (TextInput, Flow JSON 2.1 and later) */
  readonly textInput: (props: TextInputProps_7_0) => Component<'TextInput'>;
  /** Multi-line text field. (TextArea, Flow JSON 2.1 and later) */
  readonly textArea: (props: TextAreaProps_7_0) => Component<'TextArea'>;
  /** List of options the user may pick several of. (CheckboxGroup, Flow JSON 2.1 and later) */
  readonly checkboxGroup: (props: CheckboxGroupProps_6_0) => Component<'CheckboxGroup'>;
  /** List of options the user picks exactly one of. (RadioButtonsGroup, Flow JSON 2.1 and later) */
  readonly radioButtonsGroup: (props: RadioButtonsGroupProps_6_0) => Component<'RadioButtonsGroup'>;
  /** Compact chips the user may pick several of. (ChipsSelector, Flow JSON 6.3 and later) */
  readonly chipsSelector: (props: ChipsSelectorProps_6_3) => Component<'ChipsSelector'>;
  /** Select box for one option out of a long list. (Dropdown, Flow JSON 2.1 and later) */
  readonly dropdown: (props: DropdownProps_6_0) => Component<'Dropdown'>;
  /** Field that opens a date picker. (DatePicker, Flow JSON 2.1 and later) */
  readonly datePicker: (props: DatePickerProps_4_0) => Component<'DatePicker'>;
  /** Full calendar for picking one date or a date range. (CalendarPicker, Flow JSON 6.1 and later) */
  readonly calendarPicker: (props: CalendarPickerProps_6_1) => Component<'CalendarPicker'>;
  /** Single checkbox for consent, with an optional "Read more" link. (OptIn, Flow JSON 2.1 and later) */
  readonly optIn: (props: OptInProps_6_0) => Component<'OptIn'>;
  /** Main button at the bottom of the screen. (Footer, Flow JSON 2.1 and later) */
  readonly footer: (props: FooterProps_2_1) => Component<'Footer'>;
  /** Tappable text link. (EmbeddedLink, Flow JSON 2.1 and later) */
  readonly embeddedLink: (props: EmbeddedLinkProps_6_0) => Component<'EmbeddedLink'>;
  /** Base64 JPEG or PNG image. (Image, Flow JSON 2.1 and later) */
  readonly image: (props: ImageProps_2_1) => Component<'Image'>;
  /** Lets the user take or pick photos to upload. (PhotoPicker, Flow JSON 4.0 and later) */
  readonly photoPicker: (props: PhotoPickerProps_4_0) => Component<'PhotoPicker'>;
  /** Lets the user pick documents to upload. (DocumentPicker, Flow JSON 4.0 and later) */
  readonly documentPicker: (props: DocumentPickerProps_4_0) => Component<'DocumentPicker'>;
  /** Shows one of two sets of components depending on a boolean condition. (If, Flow JSON 4.0 and later) */
  readonly ifThen: (props: IfProps_4_0) => Component<'If'>;
  /** Shows the set of components whose case key matches a value. (Switch, Flow JSON 4.0 and later) */
  readonly switchOn: (props: SwitchProps_6_3) => Component<'Switch'>;
  /** List of rich items that each lead somewhere when tapped. (NavigationList, Flow JSON 6.2 and later) */
  readonly navigationList: (props: NavigationListProps_6_2) => Component<'NavigationList'>;
  /** Vertical stack of components filling the screen. (SingleColumnLayout, Flow JSON 2.1 and later) */
  readonly singleColumnLayout: (props: SingleColumnLayoutProps_7_0) => Component<'SingleColumnLayout'>;
  readonly navigate: ActionBuilders['navigate'];
  readonly dataExchange: ActionBuilders['dataExchange'];
  readonly complete: ActionBuilders['complete'];
  readonly updateData: ActionBuilders['updateData'];
  readonly openUrl: ActionBuilders['openUrl'];
}

/** The builders of Flow JSON 7.1: only what 7.1 has, typed as 7.1 has it. */
export interface Builders_7_1 extends CommonBuilders {
  readonly version: '7.1';
  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */
  readonly flow: FlowBuilder<'7.1', FlowProps_3_0>;
  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */
  readonly screen: ScreenBuilder<ScreenProps_5_1, Component<ComponentType_7_1>>;
  /** Groups input components; optional from Flow JSON 4.0. (Form, Flow JSON 2.1 and later) */
  readonly form: (props: FormProps_7_1) => Component<'Form'>;
  /** Top-level title of a screen. (TextHeading, Flow JSON 2.1 and later) */
  readonly textHeading: (props: TextHeadingProps_2_1) => Component<'TextHeading'>;
  /** Section title within a screen. (TextSubheading, Flow JSON 2.1 and later) */
  readonly textSubheading: (props: TextSubheadingProps_2_1) => Component<'TextSubheading'>;
  /** Paragraph of body text. (TextBody, Flow JSON 2.1 and later) */
  readonly textBody: (props: TextBodyProps_5_1) => Component<'TextBody'>;
  /** Small supporting text such as hints or disclaimers. (TextCaption, Flow JSON 2.1 and later) */
  readonly textCaption: (props: TextCaptionProps_5_1) => Component<'TextCaption'>;
  /** Long markdown text with headings, lists, tables, links and inline images. (RichText, Flow JSON 5.1 and later) */
  readonly richText: (props: RichTextProps_5_1) => Component<'RichText'>;
  /** Single-line text field. (TextInput, Flow JSON 2.1 and later) */
  readonly textInput: (props: TextInputProps_7_0) => Component<'TextInput'>;
  /** Multi-line text field. (TextArea, Flow JSON 2.1 and later) */
  readonly textArea: (props: TextAreaProps_7_0) => Component<'TextArea'>;
  /** List of options the user may pick several of. (CheckboxGroup, Flow JSON 2.1 and later) */
  readonly checkboxGroup: (props: CheckboxGroupProps_6_0) => Component<'CheckboxGroup'>;
  /** List of options the user picks exactly one of. (RadioButtonsGroup, Flow JSON 2.1 and later) */
  readonly radioButtonsGroup: (props: RadioButtonsGroupProps_6_0) => Component<'RadioButtonsGroup'>;
  /** Compact chips the user may pick several of. (ChipsSelector, Flow JSON 6.3 and later) */
  readonly chipsSelector: (props: ChipsSelectorProps_6_3) => Component<'ChipsSelector'>;
  /** Select box for one option out of a long list. (Dropdown, Flow JSON 2.1 and later) */
  readonly dropdown: (props: DropdownProps_6_0) => Component<'Dropdown'>;
  /** Field that opens a date picker. (DatePicker, Flow JSON 2.1 and later) */
  readonly datePicker: (props: DatePickerProps_4_0) => Component<'DatePicker'>;
  /** Full calendar for picking one date or a date range. (CalendarPicker, Flow JSON 6.1 and later) */
  readonly calendarPicker: (props: CalendarPickerProps_6_1) => Component<'CalendarPicker'>;
  /** Single checkbox for consent, with an optional "Read more" link. (OptIn, Flow JSON 2.1 and later) */
  readonly optIn: (props: OptInProps_6_0) => Component<'OptIn'>;
  /** Main button at the bottom of the screen. (Footer, Flow JSON 2.1 and later) */
  readonly footer: (props: FooterProps_2_1) => Component<'Footer'>;
  /** Tappable text link. (EmbeddedLink, Flow JSON 2.1 and later) */
  readonly embeddedLink: (props: EmbeddedLinkProps_6_0) => Component<'EmbeddedLink'>;
  /** Base64 JPEG or PNG image. (Image, Flow JSON 2.1 and later) */
  readonly image: (props: ImageProps_2_1) => Component<'Image'>;
  /** Horizontally swipeable set of images. (ImageCarousel, Flow JSON 7.1 and later) */
  readonly imageCarousel: (props: ImageCarouselProps_7_1) => Component<'ImageCarousel'>;
  /** Lets the user take or pick photos to upload. (PhotoPicker, Flow JSON 4.0 and later) */
  readonly photoPicker: (props: PhotoPickerProps_4_0) => Component<'PhotoPicker'>;
  /** Lets the user pick documents to upload. (DocumentPicker, Flow JSON 4.0 and later) */
  readonly documentPicker: (props: DocumentPickerProps_4_0) => Component<'DocumentPicker'>;
  /** Shows one of two sets of components depending on a boolean condition. (If, Flow JSON 4.0 and later) */
  readonly ifThen: (props: IfProps_4_0) => Component<'If'>;
  /** Shows the set of components whose case key matches a value. (Switch, Flow JSON 4.0 and later) */
  readonly switchOn: (props: SwitchProps_6_3) => Component<'Switch'>;
  /** List of rich items that each lead somewhere when tapped. (NavigationList, Flow JSON 6.2 and later) */
  readonly navigationList: (props: NavigationListProps_6_2) => Component<'NavigationList'>;
  /** Vertical stack of components filling the screen. (SingleColumnLayout, Flow JSON 2.1 and later) */
  readonly singleColumnLayout: (props: SingleColumnLayoutProps_7_1) => Component<'SingleColumnLayout'>;
  readonly navigate: ActionBuilders['navigate'];
  readonly dataExchange: ActionBuilders['dataExchange'];
  readonly complete: ActionBuilders['complete'];
  readonly updateData: ActionBuilders['updateData'];
  readonly openUrl: ActionBuilders['openUrl'];
}

/** The builders of Flow JSON 7.2: only what 7.2 has, typed as 7.2 has it. */
export interface Builders_7_2 extends CommonBuilders {
  readonly version: '7.2';
  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */
  readonly flow: FlowBuilder<'7.2', FlowProps_3_0>;
  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */
  readonly screen: ScreenBuilder<ScreenProps_5_1, Component<ComponentType_7_2>>;
  /** Groups input components; optional from Flow JSON 4.0. (Form, Flow JSON 2.1 and later) */
  readonly form: (props: FormProps_7_2) => Component<'Form'>;
  /** Top-level title of a screen. (TextHeading, Flow JSON 2.1 and later) */
  readonly textHeading: (props: TextHeadingProps_2_1) => Component<'TextHeading'>;
  /** Section title within a screen. (TextSubheading, Flow JSON 2.1 and later) */
  readonly textSubheading: (props: TextSubheadingProps_2_1) => Component<'TextSubheading'>;
  /** Paragraph of body text. (TextBody, Flow JSON 2.1 and later) */
  readonly textBody: (props: TextBodyProps_5_1) => Component<'TextBody'>;
  /** Small supporting text such as hints or disclaimers. (TextCaption, Flow JSON 2.1 and later) */
  readonly textCaption: (props: TextCaptionProps_5_1) => Component<'TextCaption'>;
  /** Long markdown text with headings, lists, tables, links and inline images. (RichText, Flow JSON 5.1 and later) */
  readonly richText: (props: RichTextProps_5_1) => Component<'RichText'>;
  /** Single-line text field. (TextInput, Flow JSON 2.1 and later) */
  readonly textInput: (props: TextInputProps_7_0) => Component<'TextInput'>;
  /** Multi-line text field. (TextArea, Flow JSON 2.1 and later) */
  readonly textArea: (props: TextAreaProps_7_0) => Component<'TextArea'>;
  /** List of options the user may pick several of. (CheckboxGroup, Flow JSON 2.1 and later) */
  readonly checkboxGroup: (props: CheckboxGroupProps_6_0) => Component<'CheckboxGroup'>;
  /** List of options the user picks exactly one of. (RadioButtonsGroup, Flow JSON 2.1 and later) */
  readonly radioButtonsGroup: (props: RadioButtonsGroupProps_6_0) => Component<'RadioButtonsGroup'>;
  /** Compact chips the user may pick several of. (ChipsSelector, Flow JSON 6.3 and later) */
  readonly chipsSelector: (props: ChipsSelectorProps_6_3) => Component<'ChipsSelector'>;
  /** Select box for one option out of a long list. (Dropdown, Flow JSON 2.1 and later) */
  readonly dropdown: (props: DropdownProps_6_0) => Component<'Dropdown'>;
  /** Field that opens a date picker. (DatePicker, Flow JSON 2.1 and later) */
  readonly datePicker: (props: DatePickerProps_4_0) => Component<'DatePicker'>;
  /** Full calendar for picking one date or a date range. (CalendarPicker, Flow JSON 6.1 and later) */
  readonly calendarPicker: (props: CalendarPickerProps_6_1) => Component<'CalendarPicker'>;
  /** Single checkbox for consent, with an optional "Read more" link. (OptIn, Flow JSON 2.1 and later) */
  readonly optIn: (props: OptInProps_6_0) => Component<'OptIn'>;
  /** Main button at the bottom of the screen. (Footer, Flow JSON 2.1 and later) */
  readonly footer: (props: FooterProps_2_1) => Component<'Footer'>;
  /** Tappable text link. (EmbeddedLink, Flow JSON 2.1 and later) */
  readonly embeddedLink: (props: EmbeddedLinkProps_6_0) => Component<'EmbeddedLink'>;
  /** Base64 JPEG or PNG image. (Image, Flow JSON 2.1 and later) */
  readonly image: (props: ImageProps_2_1) => Component<'Image'>;
  /** Horizontally swipeable set of images. (ImageCarousel, Flow JSON 7.1 and later) */
  readonly imageCarousel: (props: ImageCarouselProps_7_1) => Component<'ImageCarousel'>;
  /** Lets the user take or pick photos to upload. (PhotoPicker, Flow JSON 4.0 and later) */
  readonly photoPicker: (props: PhotoPickerProps_4_0) => Component<'PhotoPicker'>;
  /** Lets the user pick documents to upload. (DocumentPicker, Flow JSON 4.0 and later) */
  readonly documentPicker: (props: DocumentPickerProps_4_0) => Component<'DocumentPicker'>;
  /** Shows one of two sets of components depending on a boolean condition. (If, Flow JSON 4.0 and later) */
  readonly ifThen: (props: IfProps_4_0) => Component<'If'>;
  /** Shows the set of components whose case key matches a value. (Switch, Flow JSON 4.0 and later) */
  readonly switchOn: (props: SwitchProps_6_3) => Component<'Switch'>;
  /** List of rich items that each lead somewhere when tapped. (NavigationList, Flow JSON 6.2 and later) */
  readonly navigationList: (props: NavigationListProps_6_2) => Component<'NavigationList'>;
  /** Vertical stack of components filling the screen. (SingleColumnLayout, Flow JSON 2.1 and later) */
  readonly singleColumnLayout: (props: SingleColumnLayoutProps_7_2) => Component<'SingleColumnLayout'>;
  readonly navigate: ActionBuilders['navigate'];
  readonly dataExchange: ActionBuilders['dataExchange'];
  readonly complete: ActionBuilders['complete'];
  readonly updateData: ActionBuilders['updateData'];
  readonly openUrl: ActionBuilders['openUrl'];
}

/** The builders of Flow JSON 7.3: only what 7.3 has, typed as 7.3 has it. */
export interface Builders_7_3 extends CommonBuilders {
  readonly version: '7.3';
  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */
  readonly flow: FlowBuilder<'7.3', FlowProps_3_0>;
  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */
  readonly screen: ScreenBuilder<ScreenProps_5_1, Component<ComponentType_7_3>>;
  /** Groups input components; optional from Flow JSON 4.0. (Form, Flow JSON 2.1 and later) */
  readonly form: (props: FormProps_7_3) => Component<'Form'>;
  /** Top-level title of a screen. (TextHeading, Flow JSON 2.1 and later) */
  readonly textHeading: (props: TextHeadingProps_2_1) => Component<'TextHeading'>;
  /** Section title within a screen. (TextSubheading, Flow JSON 2.1 and later) */
  readonly textSubheading: (props: TextSubheadingProps_2_1) => Component<'TextSubheading'>;
  /** Paragraph of body text. (TextBody, Flow JSON 2.1 and later) */
  readonly textBody: (props: TextBodyProps_5_1) => Component<'TextBody'>;
  /** Small supporting text such as hints or disclaimers. (TextCaption, Flow JSON 2.1 and later) */
  readonly textCaption: (props: TextCaptionProps_5_1) => Component<'TextCaption'>;
  /** Long markdown text with headings, lists, tables, links and inline images. (RichText, Flow JSON 5.1 and later) */
  readonly richText: (props: RichTextProps_5_1) => Component<'RichText'>;
  /** Single-line text field. (TextInput, Flow JSON 2.1 and later) */
  readonly textInput: (props: TextInputProps_7_0) => Component<'TextInput'>;
  /** Multi-line text field. (TextArea, Flow JSON 2.1 and later) */
  readonly textArea: (props: TextAreaProps_7_0) => Component<'TextArea'>;
  /** List of options the user may pick several of. (CheckboxGroup, Flow JSON 2.1 and later) */
  readonly checkboxGroup: (props: CheckboxGroupProps_6_0) => Component<'CheckboxGroup'>;
  /** List of options the user picks exactly one of. (RadioButtonsGroup, Flow JSON 2.1 and later) */
  readonly radioButtonsGroup: (props: RadioButtonsGroupProps_6_0) => Component<'RadioButtonsGroup'>;
  /** Compact chips the user may pick several of. (ChipsSelector, Flow JSON 6.3 and later) */
  readonly chipsSelector: (props: ChipsSelectorProps_6_3) => Component<'ChipsSelector'>;
  /** Select box for one option out of a long list. (Dropdown, Flow JSON 2.1 and later) */
  readonly dropdown: (props: DropdownProps_6_0) => Component<'Dropdown'>;
  /** Field that opens a date picker. (DatePicker, Flow JSON 2.1 and later) */
  readonly datePicker: (props: DatePickerProps_4_0) => Component<'DatePicker'>;
  /** Full calendar for picking one date or a date range. (CalendarPicker, Flow JSON 6.1 and later) */
  readonly calendarPicker: (props: CalendarPickerProps_6_1) => Component<'CalendarPicker'>;
  /** Single checkbox for consent, with an optional "Read more" link. (OptIn, Flow JSON 2.1 and later) */
  readonly optIn: (props: OptInProps_6_0) => Component<'OptIn'>;
  /** Main button at the bottom of the screen. (Footer, Flow JSON 2.1 and later) */
  readonly footer: (props: FooterProps_2_1) => Component<'Footer'>;
  /** Tappable text link. (EmbeddedLink, Flow JSON 2.1 and later) */
  readonly embeddedLink: (props: EmbeddedLinkProps_6_0) => Component<'EmbeddedLink'>;
  /** Base64 JPEG or PNG image. (Image, Flow JSON 2.1 and later) */
  readonly image: (props: ImageProps_2_1) => Component<'Image'>;
  /** Horizontally swipeable set of images. (ImageCarousel, Flow JSON 7.1 and later) */
  readonly imageCarousel: (props: ImageCarouselProps_7_1) => Component<'ImageCarousel'>;
  /** Lets the user take or pick photos to upload. (PhotoPicker, Flow JSON 4.0 and later) */
  readonly photoPicker: (props: PhotoPickerProps_4_0) => Component<'PhotoPicker'>;
  /** Lets the user pick documents to upload. (DocumentPicker, Flow JSON 4.0 and later) */
  readonly documentPicker: (props: DocumentPickerProps_4_0) => Component<'DocumentPicker'>;
  /** Shows one of two sets of components depending on a boolean condition. (If, Flow JSON 4.0 and later) */
  readonly ifThen: (props: IfProps_4_0) => Component<'If'>;
  /** Shows the set of components whose case key matches a value. (Switch, Flow JSON 4.0 and later) */
  readonly switchOn: (props: SwitchProps_6_3) => Component<'Switch'>;
  /** List of rich items that each lead somewhere when tapped. (NavigationList, Flow JSON 6.2 and later) */
  readonly navigationList: (props: NavigationListProps_6_2) => Component<'NavigationList'>;
  /** Vertical stack of components filling the screen. (SingleColumnLayout, Flow JSON 2.1 and later) */
  readonly singleColumnLayout: (props: SingleColumnLayoutProps_7_3) => Component<'SingleColumnLayout'>;
  readonly navigate: ActionBuilders['navigate'];
  readonly dataExchange: ActionBuilders['dataExchange'];
  readonly complete: ActionBuilders['complete'];
  readonly updateData: ActionBuilders['updateData'];
  readonly openUrl: ActionBuilders['openUrl'];
}

/** The builders of each Flow JSON version. */
export interface BuildersByVersion {
  readonly '2.1': Builders_2_1;
  readonly '3.0': Builders_3_0;
  readonly '3.1': Builders_3_1;
  readonly '4.0': Builders_4_0;
  readonly '5.0': Builders_5_0;
  readonly '5.1': Builders_5_1;
  readonly '6.0': Builders_6_0;
  readonly '6.1': Builders_6_1;
  readonly '6.2': Builders_6_2;
  readonly '6.3': Builders_6_3;
  readonly '7.0': Builders_7_0;
  readonly '7.1': Builders_7_1;
  readonly '7.2': Builders_7_2;
  readonly '7.3': Builders_7_3;
}

/** Every component and layout builder (the runtime is the same in every version; the types differ). */
export const COMPONENT_BUILDERS = {
  form: (props: object): Component<'Form'> => component('Form', props),
  textHeading: (props: object): Component<'TextHeading'> => component('TextHeading', props),
  textSubheading: (props: object): Component<'TextSubheading'> => component('TextSubheading', props),
  textBody: (props: object): Component<'TextBody'> => component('TextBody', props),
  textCaption: (props: object): Component<'TextCaption'> => component('TextCaption', props),
  richText: (props: object): Component<'RichText'> => component('RichText', props),
  textInput: (props: object): Component<'TextInput'> => component('TextInput', props),
  textArea: (props: object): Component<'TextArea'> => component('TextArea', props),
  checkboxGroup: (props: object): Component<'CheckboxGroup'> => component('CheckboxGroup', props),
  radioButtonsGroup: (props: object): Component<'RadioButtonsGroup'> => component('RadioButtonsGroup', props),
  chipsSelector: (props: object): Component<'ChipsSelector'> => component('ChipsSelector', props),
  dropdown: (props: object): Component<'Dropdown'> => component('Dropdown', props),
  datePicker: (props: object): Component<'DatePicker'> => component('DatePicker', props),
  calendarPicker: (props: object): Component<'CalendarPicker'> => component('CalendarPicker', props),
  optIn: (props: object): Component<'OptIn'> => component('OptIn', props),
  footer: (props: object): Component<'Footer'> => component('Footer', props),
  embeddedLink: (props: object): Component<'EmbeddedLink'> => component('EmbeddedLink', props),
  image: (props: object): Component<'Image'> => component('Image', props),
  imageCarousel: (props: object): Component<'ImageCarousel'> => component('ImageCarousel', props),
  photoPicker: (props: object): Component<'PhotoPicker'> => component('PhotoPicker', props),
  documentPicker: (props: object): Component<'DocumentPicker'> => component('DocumentPicker', props),
  ifThen: (props: object): Component<'If'> => component('If', props),
  switchOn: (props: object): Component<'Switch'> => component('Switch', props),
  navigationList: (props: object): Component<'NavigationList'> => component('NavigationList', props),
  singleColumnLayout: (props: object): Component<'SingleColumnLayout'> => component('SingleColumnLayout', props),
};
