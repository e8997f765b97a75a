// `npm run screenshots`: regenerates the README's pictures in docs/screenshots by walking the
// feedback form's journey (journeys.ts, the same steps ui/e2e/feedback.test.ts checks) in a fresh
// sandbox and Debian's Chromium. The tests never write here; they keep theirs in artifacts/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './harness.js';
import { showVisualMode } from './visual-driver.js';
import { answerFeedbackScreenOne, answerFeedbackScreenTwo, completeFeedback, openFeedbackForm, openInbox, sendFeedbackForm, showFeedbackDashboard, startFeedbackSession } from './journeys.js';

const DOCS_SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');

async function main(): Promise<void> {
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  const session = await startFeedbackSession();
  const { t } = session;
  const written: string[] = [];
  const docsShot = async (file: string): Promise<void> => {
    const path = join(DOCS_SCREENSHOTS, file);
    // Transitions finished (a floating label, a pressed button), so a picture shows the settled page.
    await t.page.screenshot({ path, fullPage: false, animations: 'disabled' });
    written.push(path);
  };
  try {
    const { messageId } = await sendFeedbackForm(t);
    await openInbox(t, messageId);
    await openFeedbackForm(t, messageId);
    await answerFeedbackScreenOne(t);
    await docsShot('emulator.png');
    await answerFeedbackScreenTwo(t);
    await completeFeedback(t);
    await showFeedbackDashboard(session);
    await docsShot('dashboard.png');
    await showVisualMode(t);
    await docsShot('visual-mode.png');
  } finally {
    await session.close();
  }
  for (const path of written) process.stdout.write(`wrote ${path}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
