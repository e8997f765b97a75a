// The errors of Flows management, in the hosting type's shape. Codes: Meta's Flows error codes
// page (developers.facebook.com/docs/whatsapp/flows/reference/error-codes): 100 for a name that is
// not unique; 139002 publishing failed, 139003 deprecating a flow that is not published, 139004
// deleting a flow that is not a draft (the working labels of src/api/errors.ts).
import type { HostingType } from '../../api/types.js';
import { errorResponse } from '../router.js';

export function flowNotFound(hostingType: HostingType, flowId: string): Response {
  // Graph's body for an id that names nothing the caller can see (code 100, subcode 33), as a 404:
  // a flow of another account gets exactly this answer, so an id never tells that it exists.
  return errorResponse(hostingType, 404, {
    code: 100,
    subcode: 33,
    message: `Unsupported request. Object with ID '${flowId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    details: `No flow with id ${flowId} exists in this sandbox account.`,
  });
}

export function nameNotUnique(hostingType: HostingType, name: string): Response {
  return errorResponse(hostingType, 400, {
    code: 100,
    message: 'Invalid parameter',
    details: `Flow name is not unique: another flow of this account is already called "${name}". Choose another name.`,
    userTitle: 'Flow name is not unique',
    userMessage: 'Flow name should be unique within one WhatsApp Business Account.',
  });
}

export function flowStateError(hostingType: HostingType, code: 139002 | 139003 | 139004 | 139006, title: string, details: string): Response {
  return errorResponse(hostingType, 400, { code, message: title, details, userTitle: title, userMessage: details });
}
