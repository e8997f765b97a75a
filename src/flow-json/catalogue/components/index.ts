// Every component a screen's layout may contain. SingleColumnLayout is not here: it is a layout,
// listed in LAYOUT_SPECS (document.ts), and may only be a screen's `layout`.
import type { ComponentSpec } from '../types.js';
import { calendarPicker } from './calendar-picker.js';
import { checkboxGroup } from './checkbox-group.js';
import { chipsSelector } from './chips-selector.js';
import { datePicker } from './date-picker.js';
import { documentPicker } from './document-picker.js';
import { dropdown } from './dropdown.js';
import { embeddedLink } from './embedded-link.js';
import { footer } from './footer.js';
import { form } from './form.js';
import { ifComponent } from './if.js';
import { image } from './image.js';
import { imageCarousel } from './image-carousel.js';
import { navigationList } from './navigation-list.js';
import { optIn } from './opt-in.js';
import { photoPicker } from './photo-picker.js';
import { radioButtonsGroup } from './radio-buttons-group.js';
import { richText } from './rich-text.js';
import { switchComponent } from './switch.js';
import { textArea } from './text-area.js';
import { textBody } from './text-body.js';
import { textCaption } from './text-caption.js';
import { textHeading } from './text-heading.js';
import { textInput } from './text-input.js';
import { textSubheading } from './text-subheading.js';

export {
  calendarPicker, checkboxGroup, chipsSelector, datePicker, documentPicker, dropdown, embeddedLink, footer, form,
  ifComponent, image, imageCarousel, navigationList, optIn, photoPicker, radioButtonsGroup, richText, switchComponent,
  textArea, textBody, textCaption, textHeading, textInput, textSubheading,
};
export { singleColumnLayout } from './single-column-layout.js';
export { DOCUMENT_MIME_TYPES } from './document-picker.js';
export { IF_BRANCH_TYPES, SWITCH_CASE_TYPES } from './conditional-children.js';

export const COMPONENT_SPECS: readonly ComponentSpec[] = [
  form,
  textHeading,
  textSubheading,
  textBody,
  textCaption,
  richText,
  textInput,
  textArea,
  checkboxGroup,
  radioButtonsGroup,
  chipsSelector,
  dropdown,
  datePicker,
  calendarPicker,
  optIn,
  footer,
  embeddedLink,
  image,
  imageCarousel,
  photoPicker,
  documentPicker,
  ifComponent,
  switchComponent,
  navigationList,
];
