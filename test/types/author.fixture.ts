// Type tests of the flow builders (waflow/author). The line under each `// @ts-expect-error TSxxxx`
// must fail to compile with that code (author.test.ts checks it); everything else must compile.
import { builders, defineFlow, toFlowJson } from '../../src/flow-json/author/index.js';

const v51 = builders('5.1');

export const fiveOne = v51.flow({
  screens: [
    v51.screen('WELCOME', { title: 'Welcome', data: { name: v51.t.string('Ana'), vip: v51.t.boolean(false) }, form: ['email'] }, ({ data, form }) => [
      v51.textBody({ text: data.name, visible: data.vip }),
      v51.textInput({ name: 'email', label: 'Email', 'input-type': 'email', required: true }),
      // @ts-expect-error TS2339 ImageCarousel is Flow JSON 7.1: a 5.1 flow has no builder for it
      v51.imageCarousel({ images: [] }),
      // @ts-expect-error TS2353 label-variant is a Flow JSON 7.0 property
      v51.textInput({ name: 'nick', label: 'Nickname', 'label-variant': 'large' }),
      // @ts-expect-error TS2353 an unknown property
      v51.textBody({ text: 'Hello', colour: 'red' }),
      // @ts-expect-error TS2322 not an input-type
      v51.textInput({ name: 'site', label: 'Web site', 'input-type': 'url' }),
      // @ts-expect-error TS2322 a string field where a boolean is expected
      v51.textCaption({ text: 'VIP', visible: data.name }),
      v51.footer({
        label: 'Continue',
        'on-click-action': v51.complete({
          email: form.email,
          // @ts-expect-error TS2339 a form field the screen does not declare
          coupon: form.coupon,
        }),
      }),
    ]),
  ],
});

export const withDefine = defineFlow('5.1', ({ screen, footer, navigate, complete, textHeading }) => ({
  screens: [
    screen('A', { title: 'A' }, [textHeading({ text: 'One' }), footer({ label: 'Next', 'on-click-action': navigate('B') })]),
    screen('B', { title: 'B', terminal: true }, [footer({ label: 'Done', 'on-click-action': complete() })]),
  ],
}));

// @ts-expect-error TS2339 CalendarPicker is Flow JSON 6.1
export const calendarIn51 = defineFlow('5.1', ({ screen, calendarPicker }) => ({ screens: [screen('A', {}, [calendarPicker({ name: 'd', label: 'Day' })])] }));

export const latest = builders('7.3');
// The same builder is fine in 7.3.
export const carousel = latest.imageCarousel({ images: [{ src: 'iVBORw0KGgo=', 'alt-text': 'A photo' }] });
// @ts-expect-error TS2339 update_data is Flow JSON 6.0
export const noUpdate = v51.updateData({ shown: true });
// @ts-expect-error TS2322 Footer does not take update_data
export const footerUpdate = latest.footer({ label: 'Go', 'on-click-action': latest.updateData({ shown: true }) });

export const json = toFlowJson(fiveOne);
