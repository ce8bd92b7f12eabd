/** The demo users (one per role) and demo API clients, from data/demo/users.json. No provider code: safe to load anywhere. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoDataDir } from '../../paths.js';

export interface DemoUser {
  sub: string;
  name: string;
  email: string;
  /** What the login form says about the user: the roles in words. */
  description: string;
  roles: (
    | { role: 'agency_editor'; agencies: string[] }
    | { role: 'provider_editor'; provider: string }
    | { role: 'ministry_viewer'; ministry: string }
    | { role: 'admin' }
  )[];
}

export interface DemoApiClient {
  clientId: string;
  clientSecret: string;
  name: string;
  provider?: string;
  agency?: string;
}

export interface DemoUsersFile {
  users: DemoUser[];
  apiClients: DemoApiClient[];
}

export function readDemoUsers(dir: string = demoDataDir): DemoUsersFile {
  return JSON.parse(readFileSync(join(dir, 'users.json'), 'utf8')) as DemoUsersFile;
}

