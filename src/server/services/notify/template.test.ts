import { describe, expect, it } from 'vitest';
import { composeMessage, DEFAULT_TEMPLATE, sampleContent } from './message.ts';
import { validateTemplate } from './template.ts';

describe('message templates', () => {
  it('accepts the default template and known variables', () => {
    expect(validateTemplate(DEFAULT_TEMPLATE.title)).toEqual([]);
    expect(validateTemplate(DEFAULT_TEMPLATE.body)).toEqual([]);
    expect(validateTemplate('{{ruleName}} {{groupLabels.sourceIp}} {{#alerts}}{{labels.host}}{{/alerts}}')).toEqual([]);
  });

  it('refuses unknown variables, stray and unclosed blocks, with positions', () => {
    expect(validateTemplate('Hi {{nope}}')).toEqual([{ position: 3, message: expect.stringMatching(/unknown variable "nope"/) }]);
    expect(validateTemplate('{{labels.host}}')[0]!.message).toMatch(/only known inside/);
    expect(validateTemplate('x {{/alerts}}')[0]).toMatchObject({ position: 2, message: expect.stringMatching(/without/) });
    expect(validateTemplate('{{#alerts}}{{summary}}')[0]).toMatchObject({ position: 0, message: expect.stringMatching(/not closed/) });
    expect(validateTemplate('{{#alerts}}{{#alerts}}{{/alerts}}')[0]!.message).toMatch(/nested/);
    expect(validateTemplate('open {{ruleName')[0]).toMatchObject({ position: 5 });
    expect(validateTemplate('{{#alerts}}{{count}}{{/alerts}}')[0]!.message).toMatch(/inside/);
  });

  it('renders per alert and keeps hostile values inert for each kind', () => {
    const content = sampleContent(Date.UTC(2026, 10, 25, 2, 10));
    content.alerts[0]!.labels.host = '<!channel> [click](http://evil)';
    const template = { title: '{{status}} {{ruleName}}', body: '{{#alerts}}{{labels.host}};{{/alerts}}' };
    const slack = composeMessage('slack', template, content, { publicUrl: 'https://vigil.example', channelName: 'c' });
    expect(JSON.parse(slack.payload).text).toBe('*FIRING SSH brute force (sample)*\n&lt;!channel&gt; [click](http://evil);');
    const teams = composeMessage('teams', template, content, { publicUrl: 'https://vigil.example', channelName: 'c' });
    expect(teams.body).toBe('\\<\\!channel\\> \\[click\\]\\(http://evil\\);');
    const hook = JSON.parse(composeMessage('webhook', DEFAULT_TEMPLATE, content, { publicUrl: 'https://vigil.example', channelName: 'ops' }).payload);
    expect(hook).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'ops',
      alerts: [{ status: 'firing', labels: { alertname: 'SSH brute force (sample)', severity: 'major' }, endsAt: '0001-01-01T00:00:00Z', generatorURL: 'https://vigil.example/search?q=%22Failed%20password%22' }],
    });
    expect(hook.message).toContain('value 360 (threshold 20)');
  });

  it('keeps SMN subjects within 512 bytes and on one line', () => {
    const content = sampleContent(0);
    content.ruleName = 'ü'.repeat(400) + '\nnext';
    const smn = composeMessage('smn', { title: '{{ruleName}}', body: 'b' }, content, { publicUrl: 'https://v', channelName: 'c' });
    const subject = JSON.parse(smn.payload).subject as string;
    expect(Buffer.byteLength(subject)).toBeLessThanOrEqual(512);
    expect(subject).not.toContain('\n');
  });
});
