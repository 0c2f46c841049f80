import { Module } from '@nestjs/common';
import { AccountTokensRepository } from '../account-tokens/account-tokens.repository';
import { SessionsRepository } from '../sessions/sessions.repository';
import { Housekeeping } from './housekeeping';

@Module({ providers: [SessionsRepository, AccountTokensRepository, Housekeeping] })
export class HousekeepingModule {}
