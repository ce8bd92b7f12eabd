import { numberWords } from './numbers.js';
import type { authNb } from './auth.nb.js';

const { count } = numberWords('en');

/** English: sign-in and access (see auth.nb.ts). */
export const authEn: typeof authNb = {
  access: {
    invalidToken: 'The access token (bearer token) is invalid or has expired.',
    sessionExpired: 'Your session has expired. Sign in again and retry.',
    wrongOrigin: 'The request came from another website and was refused.',
    csrf: 'The form could not be sent because its security token is missing or wrong. Reload the page and try again.',
    signInRequired: 'You need to sign in to do this.',
    tooManyRequests: (seconds: number) => `Too many sign-in attempts. Wait ${count(seconds, { one: '# second', other: '# seconds' })} and try again.`,
    forbidden: 'You do not have access to this.',
    notYourProvider: 'You can only do this for providers you are an editor for.',
    noWriteAccess: 'You have no role that may change anything here. DFØ’s administrator assigns roles.',
    notYourAgency: (orgnr: string) => `You cannot act on behalf of the agency with organisation number ${orgnr}.`,
  },
  auth: {
    title: 'Sign in',
    lead: 'Agencies, providers and ministries sign in to register usage, answer procurement notices and follow up.',
    signIn: 'Sign in',
    signOut: 'Sign out',
    signInButton: 'Sign in with ID-porten',
    notConfigured: 'Sign-in is not set up on this installation.',
    providerUnavailable: 'The sign-in service is not responding right now. Please try again shortly.',
    loginStateMissing: 'The sign-in took too long or was started in another browser. Please start again.',
    loginFailedTitle: 'Sign-in was not completed',
    loginCancelled: 'The sign-in was cancelled.',
    loginFailed: 'We could not confirm the sign-in. Please start again.',
    noAccountTitle: 'You do not have access yet',
    noAccount: (who: string) => `${who} is not registered as a user. DFØ grants access by agreement with your agency.`,
    alreadySignedIn: 'You are already signed in.',
    whoMay: 'Access is given to named people in agencies, at providers and in ministries. Anyone can read the catalogue without signing in.',
    demoUsers: 'Demo users (development only)',
    demoUsersLead: 'The built-in development sign-in lets you pick one of these users, without a password.',
  },
};
