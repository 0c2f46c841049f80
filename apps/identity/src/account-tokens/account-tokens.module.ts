import { Module } from '@nestjs/common';
import { AccountTokensRepository } from './account-tokens.repository';
import { AccountTokensService } from './account-tokens.service';

@Module({
  providers: [AccountTokensRepository, AccountTokensService],
  exports: [AccountTokensService],
})
export class AccountTokensModule {}
