/**
 * The controls catalogue as data: which of Vigil's checks give evidence for which control of
 * which framework. Every identifier and title was compared with the public text named in
 * `source`; add a control only with such a source. A check may serve several controls.
 */
import type { Framework } from '../../../contract/index.ts';

const C5_2020_LIST = 'https://github.com/SecurityRAT/Security-Requirements/blob/master/BSI-C5-2020.sql';

export const FRAMEWORKS: readonly Framework[] = [
  {
    id: 'iso27001',
    name: 'ISO/IEC 27001:2022 Annex A',
    version: '2022',
    controls: [
      { id: 'A.5.24', title: 'Information security incident management planning and preparation', source: 'https://knowledge.adoptech.co.uk/5.24-information-security-incident-management-planning-and-preparation', checks: ['monitoring', 'incident-handling'] },
      { id: 'A.5.25', title: 'Assessment and decision on information security events', source: 'https://www.iso27001-hub.com/a525-through-a528-incident-management-that-actually-works', checks: ['incident-handling'] },
      { id: 'A.5.26', title: 'Response to information security incidents', source: 'https://knowledge.adoptech.co.uk/5.26-response-to-information-security-incidents', checks: ['incident-handling'] },
      { id: 'A.5.28', title: 'Collection of evidence', source: 'https://www.iso27001-hub.com/a525-through-a528-incident-management-that-actually-works', checks: ['integrity', 'audit-coverage'] },
      { id: 'A.8.2', title: 'Privileged access rights', source: 'https://askmeidentity.com/resources/compliance/iso-27001-iam/', checks: ['privileged-access'] },
      { id: 'A.8.5', title: 'Secure authentication', source: 'https://askmeidentity.com/resources/compliance/iso-27001-iam/', checks: ['privileged-access'] },
      { id: 'A.8.15', title: 'Logging', source: 'https://www.isms.online/iso-27001/annex-a/8-15-logging-2022', checks: ['retention', 'audit-coverage', 'integrity', 'read-accountability'] },
      { id: 'A.8.16', title: 'Monitoring activities', source: 'https://www.preeco.de/en/glossary/information-security/protokollierung-und-monitoring', checks: ['monitoring', 'audit-coverage'] },
      { id: 'A.8.17', title: 'Clock synchronization', source: 'https://advisera.com/iso27001/control-8-17-clock-synchronization/', checks: ['clock'] },
    ],
  },
  {
    id: 'c5',
    name: 'BSI C5:2020',
    version: '2020',
    controls: [
      { id: 'OPS-10', title: 'Logging and Monitoring - Concept', source: C5_2020_LIST, checks: ['audit-coverage', 'clock'] },
      { id: 'OPS-12', title: 'Logging and Monitoring - Access, Storage and Deletion', source: C5_2020_LIST, checks: ['retention', 'read-accountability'] },
      { id: 'OPS-13', title: 'Logging and Monitoring - Identification of Events', source: C5_2020_LIST, checks: ['monitoring'] },
      { id: 'OPS-14', title: 'Logging and Monitoring - Storage of the Logging Data', source: 'https://myctrl.tools/frameworks/bsi-c5/ops-14', checks: ['retention', 'integrity'] },
      { id: 'OPS-15', title: 'Logging and Monitoring - Accountability', source: C5_2020_LIST, checks: ['read-accountability', 'audit-coverage'] },
      { id: 'OPS-16', title: 'Logging and Monitoring - Configuration', source: C5_2020_LIST, checks: ['privileged-access'] },
      { id: 'OPS-17', title: 'Logging and Monitoring - Availability of the Monitoring Software', source: C5_2020_LIST, checks: ['audit-coverage', 'monitoring'] },
      { id: 'IDM-06', title: 'Privileged access rights', source: 'https://myctrl.tools/frameworks/bsi-c5/idm-6', checks: ['privileged-access'] },
      { id: 'IDM-09', title: 'Authentication mechanisms', source: C5_2020_LIST, checks: ['privileged-access'] },
      { id: 'SIM-02', title: 'Processing of security incidents', source: C5_2020_LIST, checks: ['incident-handling'] },
      { id: 'SIM-03', title: 'Documentation and reporting of security incidents', source: C5_2020_LIST, checks: ['incident-handling', 'integrity'] },
    ],
  },
  {
    id: 'gdpr',
    name: 'GDPR (Regulation (EU) 2016/679)',
    version: '2016/679',
    controls: [
      { id: 'Art. 5(1)(e)', title: 'Storage limitation', source: 'https://scolta-demo-drupal-legal.tag1.ai/regulations/gdpr-article-5-principles-relating-to-processing-of-personal-data', checks: ['retention'] },
      { id: 'Art. 5(1)(f)', title: 'Integrity and confidentiality', source: 'https://scolta-demo-drupal-legal.tag1.ai/regulations/gdpr-article-5-principles-relating-to-processing-of-personal-data', checks: ['integrity', 'privileged-access'] },
      { id: 'Art. 30', title: 'Records of processing activities', source: 'https://digitaldecade.hannessnellman.com/digital-privacy/gdpr/chapter-iv-controller-and-processor/', checks: ['read-accountability'] },
      { id: 'Art. 32', title: 'Security of processing', source: 'https://digitaldecade.hannessnellman.com/digital-privacy/gdpr/chapter-iv-controller-and-processor/', checks: ['privileged-access', 'audit-coverage', 'monitoring', 'clock'] },
      { id: 'Art. 33', title: 'Notification of a personal data breach to the supervisory authority', source: 'https://www.gdpr-ccpa.org/gdpr-articles/gdpr-article-33-notification-of-a-personal-data-breach-to-the-supervisory-authority', checks: ['incident-handling'] },
    ],
  },
];

export const SCORING =
  'Each control takes the worst status of its checks. The score is the share of evaluable controls that pass, ' +
  'a warning counting half; controls whose checks are not evaluable are left out of the score and listed.';

export function frameworkById(id: string): Framework {
  const framework = FRAMEWORKS.find((f) => f.id === id);
  if (!framework) throw new Error(`unknown framework ${id}`);
  return framework;
}
