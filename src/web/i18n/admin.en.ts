import type { adminNb } from './admin.nb.js';

/** English: administration, the audit log and the development outbox (see admin.nb.ts). */
export const adminEn: typeof adminNb = {
  admin: {
    title: 'Administration',
    rolesTitle: 'Users and roles',
    rolesLead: 'Give people access before they sign in for the first time. They are recognised by their verified e-mail address.',
    assign: 'Give a role',
    name: 'Name',
    nameHelp: 'Only needed for new users.',
    role: 'Role',
    scope: 'For',
    scopeHelp: 'Organisation number for agency editors and ministry viewers, the provider’s address (for example “statens-innkjopssenter”) for provider editors. Empty for administrators.',
    assignButton: 'Give the role',
    assignments: 'Assigned roles',
    lastLogin: 'Last signed in',
    never: 'Never',
    remove: (name: string, role: string) => `Remove the role ${role} from ${name}`,
    errors: {
      email: 'Write a valid e-mail address.',
      role: 'Choose a role.',
      name: 'Write the name of the new user.',
      exists: 'The person already has this role.',
      noAssignment: 'We cannot find the role.',
    },
  },
  audit: {
    title: 'Change log',
    lead: 'Every change: who, in which role and for whom, when, and what changed. The log cannot be altered.',
    leadAgency: (orgnr: string) => `Changes made for the agency ${orgnr}.`,
    none: 'No changes have been logged.',
    who: 'Who',
    capacity: 'Acting as',
    what: 'What',
    change: 'Change',
    showChange: 'Show before and after',
    system: 'System',
  },
  outbox: {
    title: 'Outgoing e-mail (development)',
    lead: 'No mail server is configured (SMTP_URL), so the e-mail the portal would have sent is shown here.',
    none: 'No e-mail yet.',
    to: 'To',
  },
};
