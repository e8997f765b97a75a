// Row types of the sandbox's tables (migration 001_sandbox) as the sandbox code uses them.
import type { FlowStatus, TemplateStatus } from './events.js';

export interface FlowRecord {
  readonly id: string;
  readonly name: string;
  readonly status: FlowStatus;
  readonly categories: string[];
  readonly endpointUri: string | undefined;
  readonly jsonVersion: string | undefined;
  readonly dataApiVersion: string | undefined;
  /** Meta's shape: { error, error_type, message, line_start, line_end, column_start, column_end, pointers }. */
  readonly validationErrors: Record<string, unknown>[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface TemplateRecord {
  readonly id: string;
  readonly name: string;
  readonly language: string;
  readonly category: string;
  readonly status: TemplateStatus;
  readonly components: Record<string, unknown>[];
  readonly rejectedReason: string | undefined;
  readonly createdAt: Date;
}

export interface PhoneRecord {
  readonly id: string;
  readonly role: 'business' | 'user';
  readonly number: string;
  readonly displayName: string | undefined;
  /** Store spelling: 'cloud' | 'on_premise'. */
  readonly hostingType: 'cloud' | 'on_premise' | undefined;
  /** Business phones: Meta's WABA id (Graph paths, webhook entry ids). */
  readonly wabaId: string | undefined;
  /** Business phones: 360dialog's WABA account id (Partner API paths). */
  readonly wabaAccountId: string | undefined;
  /** Business phones: the 360dialog partner the number is onboarded under. */
  readonly partnerId: string | undefined;
}
