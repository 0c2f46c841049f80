import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { PasswordHasher } from '@platform/auth';
import { RequestContext } from '@platform/common';
import { runInTransaction } from '@platform/database';
import { SecurityAuditLog } from '../audit/security-audit-log';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { AdminUsersService } from './admin-users.service';

export interface FirstAdmin {
  email: string;
  password: string;
  name: string;
}

export type EnsureAdminOutcome = 'created' | 'already_admin' | 'promoted' | 'exists_not_admin';

/**
 * The first admin: self-registration never grants admin, so someone must be made one from
 * outside. At start, IDENTITY_ADMIN_EMAIL/PASSWORD create that account when no live
 * account has the email (idempotent: later starts find it and change nothing). An existing
 * non-admin account with that email is NOT promoted at start (whoever registered it first
 * would become admin); the CLI does that on purpose (`create-admin --promote`).
 */
@Injectable()
export class AdminBootstrap implements OnModuleInit {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly accounts: UsersService,
    private readonly admins: AdminUsersService,
    private readonly hasher: PasswordHasher,
    private readonly audit: SecurityAuditLog,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /** Runs before the service answers requests (the request listener starts at bootstrap, after this). */
  async onModuleInit(): Promise<void> {
    const { IDENTITY_ADMIN_EMAIL: email, IDENTITY_ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) return;
    const outcome = await this.ensureAdmin({ email, password, name: this.config.IDENTITY_ADMIN_NAME });
    if (outcome === 'created') this.logger.log(`Created the admin account ${email}`);
    if (outcome === 'exists_not_admin') {
      this.logger.warn(
        `IDENTITY_ADMIN_EMAIL ${email} belongs to an account that is not admin; it was not promoted. ` +
          'Run the identity CLI with create-admin --promote if that account should be admin.',
      );
    }
  }

  async ensureAdmin(admin: FirstAdmin, options: { promote?: boolean } = {}): Promise<EnsureAdminOutcome> {
    const email = admin.email.trim().toLowerCase();
    const passwordHash = await this.hasher.hash(admin.password);
    return RequestContext.run(RequestContext.system(), () =>
      runInTransaction(async () => {
        await this.users.lockAdminSet();
        const existing = await this.users.findLiveByEmail(email);
        if (existing && existing.roles.includes('admin')) return 'already_admin';
        if (existing && !options.promote) return 'exists_not_admin';
        if (existing) {
          const locked = await this.users.lockLive(existing.id);
          if (locked) await this.admins.changeRoles(locked, [...locked.roles, 'admin']);
          return 'promoted';
        }
        const user = await this.accounts.createAccount({
          email,
          passwordHash,
          name: admin.name,
          roles: ['admin'],
          emailVerified: true,
        });
        await this.audit.record('admin.seeded', { userId: user.id });
        return 'created';
      }),
    );
  }
}
