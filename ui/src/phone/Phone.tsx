// The phone: a 360×740 frame with a status bar, and WhatsApp's full-height flow sheet on it (top
// bar with close, back and the screen title; the screen's components; the sticky Footer with its
// captions; the endpoint's error banner; overlays for completion, closing and failures).
import type { ComponentChildren } from 'preact';
import { Components } from './components.js';
import type { PhoneDriver, PhoneState } from './driver.js';
import './phone.css';

export function PhoneFrame({ children, testId }: { children: ComponentChildren; testId?: string }) {
  return (
    <div class="wa-phone" data-testid={testId ?? 'phone'}>
      <div class="wa-statusbar">
        <span>9:41</span>
        <span class="wa-statusbar-icons">▂▄▆ ◔ ▮</span>
      </div>
      <div class="wa-screen">{children}</div>
    </div>
  );
}

export interface FlowSheetProps {
  state: PhoneState;
  driver: PhoneDriver;
  /** The parsed Flow JSON, when known. */
  source?: unknown;
  businessName?: string;
}

function Overlay({ state, driver }: { state: PhoneState; driver: PhoneDriver }) {
  if (state.status === 'completed') {
    return (
      <div class="wa-overlay" data-testid="flow-completed">
        <div class="wa-overlay-icon is-ok">✓</div>
        <div class="wa-overlay-title">Response sent</div>
        <button type="button" class="wa-button" onClick={() => driver.close()}>
          Done
        </button>
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div class="wa-overlay" data-testid="flow-error" role="alert">
        <div class="wa-overlay-icon is-bad">!</div>
        <div class="wa-overlay-title">{state.error?.kind === 'flow-token-expired' ? 'This flow has expired' : 'Something went wrong'}</div>
        {/* A 427's error_msg is the business's own words for the user: the client shows them. */}
        <div class="wa-overlay-text" data-testid="flow-error-text">{state.error?.userMessage ?? state.error?.message ?? 'The flow stopped.'}</div>
        {state.error?.status !== undefined && state.error.status !== 0 && <div class="wa-overlay-meta">HTTP {state.error.status}</div>}
        <button type="button" class="wa-button" onClick={() => driver.close()}>
          Close
        </button>
      </div>
    );
  }
  if (state.status === 'closed') {
    return (
      <div class="wa-overlay" data-testid="flow-closed">
        <div class="wa-overlay-title">Flow closed</div>
      </div>
    );
  }
  return null;
}

export function FlowSheet({ state, driver, source, businessName }: FlowSheetProps) {
  const { screen } = state;
  const footer = screen.footer;
  return (
    <div class={`wa-flow${state.pending ? ' is-pending' : ''}`} data-testid="flow-sheet" data-screen={screen.id} aria-busy={state.pending}>
      <div class="wa-topbar">
        <button type="button" class="wa-icon-btn" aria-label="Close flow" data-testid="flow-close" onClick={() => driver.close()}>
          ✕
        </button>
        {state.depth > 1 && (
          <button type="button" class="wa-icon-btn" aria-label="Back" data-testid="flow-back" onClick={() => driver.back()}>
            ←
          </button>
        )}
        <h1 class="wa-title" data-testid="screen-title">
          {screen.title}
        </h1>
        <span class="wa-icon-btn wa-kebab" aria-hidden="true">
          ⋮
        </span>
      </div>
      {state.pending && <div class="wa-progress" data-testid="flow-pending" />}
      {screen.errorMessage !== undefined && (
        <div class="wa-banner" role="alert" data-testid="error-banner">
          {screen.errorMessage}
        </div>
      )}
      {/* Keyed by screen so each visit's fields mount fresh with their init values. */}
      <div class="wa-content" key={`${screen.id}:${state.depth}`}>
        <Components views={screen.components} ctx={{ driver, version: state.version, ...(source === undefined ? {} : { source }), ...(state.media === undefined ? {} : { media: state.media }) }} />
      </div>
      {state.notice !== undefined && (
        <div class="wa-toast" role="status" data-testid="flow-notice">
          {state.notice}
        </div>
      )}
      {footer !== undefined && (
        <div class="wa-footer">
          {(footer.leftCaption !== undefined || footer.rightCaption !== undefined) && (
            <div class="wa-captions">
              <span>{footer.leftCaption ?? ''}</span>
              <span>{footer.rightCaption ?? ''}</span>
            </div>
          )}
          {footer.centerCaption !== undefined && <div class="wa-captions is-center">{footer.centerCaption}</div>}
          <span class="wa-footer-wrap" title={footer.enabled ? undefined : footer.disabledReason}>
            <button type="button" class="wa-button wa-footer-btn" data-testid="footer-button" disabled={!footer.enabled || state.pending || state.status !== 'open'} title={footer.enabled ? undefined : footer.disabledReason} onClick={() => driver.submit()}>
              {footer.label}
            </button>
          </span>
          <div class="wa-managed">
            Managed by {businessName ?? 'the business'}. <span class="wa-link">Learn more</span>
          </div>
        </div>
      )}
      <Overlay state={state} driver={driver} />
    </div>
  );
}
