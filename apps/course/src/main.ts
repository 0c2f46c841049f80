import 'reflect-metadata';
import { runMain, startHttpApplication } from '@platform/common';
import { loadCourseConfig } from './config';
import { CourseModule } from './course.module';

runMain(async () => {
  const config = loadCourseConfig();
  return startHttpApplication(CourseModule.forRoot(config), { port: config.PORT });
});
