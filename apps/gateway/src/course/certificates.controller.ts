import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@platform/auth';
import {
  type CertificateVerificationView,
  CoursePatterns,
  ServiceClient,
  VerifyCertificateRequest,
} from '@platform/contracts';
import { CertificateVerificationViewSchema } from './learning.schemas';

/** Public verification of a certificate by its code (an employer checking a CV needs no account). */
@ApiTags('certificates')
@Controller('certificates')
@Public()
export class CertificatesController {
  constructor(private readonly course: ServiceClient) {}

  @Get(':code')
  @ApiOkResponse({
    type: CertificateVerificationViewSchema,
    description: 'Codes match in any letter case; an unknown code is 404',
  })
  verify(@Param() params: VerifyCertificateRequest): Promise<CertificateVerificationView> {
    return this.course.send(CoursePatterns.verifyCertificate, params);
  }
}
