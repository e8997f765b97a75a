// The gallery's catalogue: the seed's feedback form, the repository's examples and our starter
// flows in the shape of Meta's use-case templates (examples/gallery). Each entry carries its Flow
// JSON text, bundled with Vite's `?raw`, so opening one in the builder needs no request.
import feedbackForm from '../../../examples/feedback-form.json?raw';
import allInputs from '../../../examples/all-inputs.json?raw';
import conditionalIfSwitch from '../../../examples/conditional-if-switch.json?raw';
import dataExchange from '../../../examples/data-exchange.json?raw';
import navigationPayloads from '../../../examples/navigation-payloads.json?raw';
import signUp from '../../../examples/sign-up.json?raw';
import updateData from '../../../examples/update-data.json?raw';
import booking from '../../../examples/booking/flow.json?raw';
import claim from '../../../examples/claim/flow.json?raw';
import appointmentBooking from '../../../examples/gallery/appointment-booking.json?raw';
import customerSatisfaction from '../../../examples/gallery/customer-satisfaction.json?raw';
import insuranceQuote from '../../../examples/gallery/insurance-quote.json?raw';
import leadGeneration from '../../../examples/gallery/lead-generation.json?raw';
import purchaseInterest from '../../../examples/gallery/purchase-interest.json?raw';
import supportRequest from '../../../examples/gallery/support-request.json?raw';

/** Where an entry comes from: the seed's form, an example of the repository, or a starter template. */
export type GallerySource = 'seed' | 'example' | 'template';

export interface GalleryEntry {
  /** Stable id, used in `/builder?gallery=<id>`. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The use case, for filtering. */
  readonly category: string;
  readonly source: GallerySource;
  /** The file in the repository, relative to examples/. */
  readonly file: string;
  /** The Flow JSON text as written in the file. */
  readonly json: string;
}

export const SOURCE_LABELS: Readonly<Record<GallerySource, string>> = { seed: 'Seed', example: 'Example', template: 'Template' };

export const GALLERY: readonly GalleryEntry[] = [
  {
    id: 'feedback-form',
    title: 'Feedback form',
    description: "The seed's two-screen feedback form: a recommendation question, a comment, then three ratings.",
    category: 'Surveys',
    source: 'seed',
    file: 'feedback-form.json',
    json: feedbackForm,
  },
  {
    id: 'appointment-booking',
    title: 'Appointment booking',
    description: 'Pick a service, a store, a day and a time of day; leave contact details; confirm with an optional reminder.',
    category: 'Bookings',
    source: 'template',
    file: 'gallery/appointment-booking.json',
    json: appointmentBooking,
  },
  {
    id: 'lead-generation',
    title: 'Lead generation',
    description: 'Ask what a prospect is interested in, then take a call-back request with a privacy notice behind an opt-in.',
    category: 'Sign-up and leads',
    source: 'template',
    file: 'gallery/lead-generation.json',
    json: leadGeneration,
  },
  {
    id: 'customer-satisfaction',
    title: 'Customer satisfaction survey',
    description: 'An overall rating, what stood out, whether they would recommend you, and free comments.',
    category: 'Surveys',
    source: 'template',
    file: 'gallery/customer-satisfaction.json',
    json: customerSatisfaction,
  },
  {
    id: 'purchase-interest',
    title: 'Purchase interest',
    description: 'Reserve a product before it arrives: model, up to two colours, size, then contact details and pick-up.',
    category: 'Shopping',
    source: 'template',
    file: 'gallery/purchase-interest.json',
    json: purchaseInterest,
  },
  {
    id: 'support-request',
    title: 'Customer support request',
    description: 'Report a problem with an order (a checked order number and details), then choose the remedy and reply channel.',
    category: 'Support',
    source: 'template',
    file: 'gallery/support-request.json',
    json: supportRequest,
  },
  {
    id: 'insurance-quote',
    title: 'Insurance quote',
    description: 'A car insurance quote over three screens: the car, the cover wanted, and where to send the quote.',
    category: 'Finance and insurance',
    source: 'template',
    file: 'gallery/insurance-quote.json',
    json: insuranceQuote,
  },
  {
    id: 'sign-up',
    title: 'Gym sign-up',
    description: 'A membership sign-up with terms behind a read-more link and sensitive password and PIN fields.',
    category: 'Sign-up and leads',
    source: 'example',
    file: 'sign-up.json',
    json: signUp,
  },
  {
    id: 'navigation-payloads',
    title: 'Workshop booking',
    description: 'Three screens passing navigate payloads on as screen data, with nested string expressions.',
    category: 'Bookings',
    source: 'example',
    file: 'navigation-payloads.json',
    json: navigationPayloads,
  },
  {
    id: 'data-exchange',
    title: 'Test-drive booking (endpoint)',
    description: 'Driven by an endpoint: INIT fills the first screen and choosing a showroom asks for its slots.',
    category: 'Bookings',
    source: 'example',
    file: 'data-exchange.json',
    json: dataExchange,
  },
  {
    id: 'booking',
    title: 'Appointment booking (endpoint)',
    description: 'The booking example with its own endpoint: services, free days and times come from the server.',
    category: 'Bookings',
    source: 'example',
    file: 'booking/flow.json',
    json: booking,
  },
  {
    id: 'all-inputs',
    title: 'Bike service, every input',
    description: 'A bike service booking that uses every input component of the latest Flow JSON version.',
    category: 'Bookings',
    source: 'example',
    file: 'all-inputs.json',
    json: allInputs,
  },
  {
    id: 'conditional-if-switch',
    title: 'Support request with conditions',
    description: 'Switch on the chosen topic and If on the reply channel decide which fields show.',
    category: 'Support',
    source: 'example',
    file: 'conditional-if-switch.json',
    json: conditionalIfSwitch,
  },
  {
    id: 'update-data',
    title: 'Delivery options',
    description: 'update_data actions show and hide fields and replace a dropdown’s options as you choose.',
    category: 'Shopping',
    source: 'example',
    file: 'update-data.json',
    json: updateData,
  },
  {
    id: 'claim',
    title: 'Insurance claim with photos',
    description: 'A claim with a photo of the damage and a receipt document, checked by the endpoint.',
    category: 'Finance and insurance',
    source: 'example',
    file: 'claim/flow.json',
    json: claim,
  },
];

export function galleryEntry(id: string): GalleryEntry | undefined {
  return GALLERY.find((e) => e.id === id);
}

/** The builder's flow name for an entry, in snake_case like its default `feedback_form`. */
export function flowNameOf(entry: GalleryEntry): string {
  return entry.id.replace(/-/g, '_');
}
