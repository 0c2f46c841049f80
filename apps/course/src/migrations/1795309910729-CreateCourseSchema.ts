import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The course service's schema. Generated from the entities, plus what TypeORM cannot
 * express: the trigger that keeps courses.search_vector (title weighted A over description
 * B) in step with the row it indexes.
 */
export class CreateCourseSchema1795309910729 implements MigrationInterface {
  name = 'CreateCourseSchema1795309910729';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "categories" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "name" character varying(100) NOT NULL,
                "slug" character varying(400) NOT NULL,
                "parent_id" uuid,
                CONSTRAINT "uq_categories_slug" UNIQUE ("slug"),
                CONSTRAINT "pk_categories_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_categories_parent_id" ON "categories" ("parent_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "courses" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "title" character varying(200) NOT NULL,
                "description" text,
                "category_id" uuid,
                "level" character varying(20) NOT NULL,
                "language" character varying(35) NOT NULL DEFAULT 'en',
                "price_cents" integer NOT NULL,
                "currency" character varying(3) NOT NULL DEFAULT 'USD',
                "capacity" integer,
                "seats_taken" integer NOT NULL DEFAULT '0',
                "enrollment_count" integer NOT NULL DEFAULT '0',
                "status" character varying(20) NOT NULL DEFAULT 'draft',
                "instructor_id" uuid NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "archived_at" TIMESTAMP WITH TIME ZONE,
                "rating_count" integer NOT NULL DEFAULT '0',
                "rating_sum" integer NOT NULL DEFAULT '0',
                "rating_avg" numeric(3, 2) NOT NULL DEFAULT '0',
                "search_vector" tsvector,
                CONSTRAINT "chk_courses_rating_avg" CHECK (
                    "rating_avg" BETWEEN 0 AND 5
                ),
                CONSTRAINT "chk_courses_rating_count_rating_sum" CHECK (
                    "rating_count" >= 0
                    AND "rating_sum" BETWEEN "rating_count" AND 5 * "rating_count"
                ),
                CONSTRAINT "chk_courses_status" CHECK ("status" IN ('draft', 'published', 'archived')),
                CONSTRAINT "chk_courses_level" CHECK (
                    "level" IN (
                        'beginner',
                        'intermediate',
                        'advanced',
                        'all_levels'
                    )
                ),
                CONSTRAINT "chk_courses_enrollment_count" CHECK ("enrollment_count" >= 0),
                CONSTRAINT "chk_courses_seats_taken_capacity" CHECK (
                    "seats_taken" >= 0
                    AND (
                        "capacity" IS NULL
                        OR "seats_taken" <= "capacity"
                    )
                ),
                CONSTRAINT "chk_courses_capacity" CHECK (
                    "capacity" IS NULL
                    OR "capacity" > 0
                ),
                CONSTRAINT "chk_courses_currency" CHECK ("currency" ~ '^[A-Z]{3}$'),
                CONSTRAINT "chk_courses_price_cents" CHECK ("price_cents" >= 0),
                CONSTRAINT "pk_courses_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_courses_published_at" ON "courses" ("published_at")
            WHERE "status" = 'published'
                AND "deleted_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_courses_category_id" ON "courses" ("category_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_courses_instructor_id" ON "courses" ("instructor_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_courses_search_vector" ON "courses" USING gin ("search_vector")
        `);
    await queryRunner.query(`
            CREATE TABLE "enrollments" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "course_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'active',
                "source" character varying(20) NOT NULL,
                "order_id" uuid,
                "order_item_id" uuid,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "uq_enrollments_order_item_id" UNIQUE ("order_item_id"),
                CONSTRAINT "chk_enrollments_status_completed_at" CHECK (
                    "status" <> 'completed'
                    OR "completed_at" IS NOT NULL
                ),
                CONSTRAINT "chk_enrollments_source_order_item_id_order_id" CHECK (
                    ("source" = 'purchase') = (
                        "order_item_id" IS NOT NULL
                        AND "order_id" IS NOT NULL
                    )
                ),
                CONSTRAINT "chk_enrollments_source" CHECK ("source" IN ('free', 'purchase')),
                CONSTRAINT "chk_enrollments_status" CHECK (
                    "status" IN ('active', 'completed', 'dropped', 'refunded')
                ),
                CONSTRAINT "pk_enrollments_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_enrollments_user_id" ON "enrollments" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_enrollments_course_id_user_id" ON "enrollments" ("course_id", "user_id")
            WHERE "status" IN ('active', 'completed')
        `);
    await queryRunner.query(`
            CREATE TABLE "course_modules" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "course_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "position" integer NOT NULL,
                CONSTRAINT "uq_course_modules_course_id_position" UNIQUE ("course_id", "position") DEFERRABLE INITIALLY DEFERRED,
                CONSTRAINT "chk_course_modules_position" CHECK ("position" >= 1),
                CONSTRAINT "pk_course_modules_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "lessons" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "module_id" uuid NOT NULL,
                "course_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "type" character varying(10) NOT NULL,
                "content" text,
                "video_url" character varying(2048),
                "duration_minutes" integer,
                "is_required" boolean NOT NULL DEFAULT true,
                "is_published" boolean NOT NULL DEFAULT false,
                "position" integer NOT NULL,
                CONSTRAINT "uq_lessons_module_id_position" UNIQUE ("module_id", "position") DEFERRABLE INITIALLY DEFERRED,
                CONSTRAINT "chk_lessons_duration_minutes" CHECK (
                    "duration_minutes" IS NULL
                    OR "duration_minutes" >= 0
                ),
                CONSTRAINT "chk_lessons_type" CHECK ("type" IN ('video', 'article', 'quiz')),
                CONSTRAINT "chk_lessons_position" CHECK ("position" >= 1),
                CONSTRAINT "pk_lessons_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_lessons_course_id" ON "lessons" ("course_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "assessments" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "course_id" uuid NOT NULL,
                "lesson_id" uuid,
                "title" character varying(200) NOT NULL,
                "passing_score_percent" integer NOT NULL,
                "max_attempts" integer NOT NULL,
                "time_limit_seconds" integer,
                CONSTRAINT "uq_assessments_lesson_id" UNIQUE ("lesson_id"),
                CONSTRAINT "chk_assessments_time_limit_seconds" CHECK (
                    "time_limit_seconds" IS NULL
                    OR "time_limit_seconds" > 0
                ),
                CONSTRAINT "chk_assessments_max_attempts" CHECK ("max_attempts" >= 1),
                CONSTRAINT "chk_assessments_passing_score_percent" CHECK (
                    "passing_score_percent" BETWEEN 0 AND 100
                ),
                CONSTRAINT "pk_assessments_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_assessments_course_id" ON "assessments" ("course_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "assessment_attempts" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "assessment_id" uuid NOT NULL,
                "enrollment_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "attempt_number" integer NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'in_progress',
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "deadline_at" TIMESTAMP WITH TIME ZONE,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "answers" jsonb,
                "points_earned" integer,
                "points_possible" integer NOT NULL,
                "score_percent" numeric(5, 2),
                "passed" boolean,
                CONSTRAINT "uq_assessment_attempts_number" UNIQUE (
                    "assessment_id",
                    "enrollment_id",
                    "attempt_number"
                ),
                CONSTRAINT "chk_assessment_attempts_score_percent" CHECK (
                    "score_percent" IS NULL
                    OR "score_percent" BETWEEN 0 AND 100
                ),
                CONSTRAINT "chk_assessment_attempts_status" CHECK (
                    "status" IN ('in_progress', 'submitted', 'expired')
                ),
                CONSTRAINT "chk_assessment_attempts_attempt_number" CHECK ("attempt_number" >= 1),
                CONSTRAINT "pk_assessment_attempts_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_assessment_attempts_enrollment_id" ON "assessment_attempts" ("enrollment_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_assessment_attempts_open" ON "assessment_attempts" ("assessment_id", "enrollment_id")
            WHERE "status" = 'in_progress'
        `);
    await queryRunner.query(`
            CREATE TABLE "assessment_questions" (
                "id" uuid NOT NULL,
                "assessment_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "prompt" text NOT NULL,
                "type" character varying(20) NOT NULL,
                "options" jsonb NOT NULL,
                "correct_options" integer array NOT NULL,
                "points" integer NOT NULL,
                CONSTRAINT "uq_assessment_questions_assessment_id_position" UNIQUE ("assessment_id", "position"),
                CONSTRAINT "chk_assessment_questions_correct_options" CHECK (cardinality("correct_options") >= 1),
                CONSTRAINT "chk_assessment_questions_points" CHECK ("points" > 0),
                CONSTRAINT "chk_assessment_questions_type" CHECK ("type" IN ('single', 'multiple', 'true_false')),
                CONSTRAINT "pk_assessment_questions_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "certificates" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "user_id" uuid NOT NULL,
                "course_id" uuid NOT NULL,
                "enrollment_id" uuid NOT NULL,
                "code" character varying(32) NOT NULL,
                "course_title" character varying(200) NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'valid',
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "uq_certificates_code" UNIQUE ("code"),
                CONSTRAINT "uq_certificates_user_id_course_id" UNIQUE ("user_id", "course_id"),
                CONSTRAINT "chk_certificates_status" CHECK ("status" IN ('valid', 'revoked')),
                CONSTRAINT "pk_certificates_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_certificates_enrollment_id" ON "certificates" ("enrollment_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "lesson_completions" (
                "enrollment_id" uuid NOT NULL,
                "lesson_id" uuid NOT NULL,
                "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_lesson_completions_enrollment_id_lesson_id" PRIMARY KEY ("enrollment_id", "lesson_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_lesson_completions_lesson_id" ON "lesson_completions" ("lesson_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "reviews" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "course_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "rating" smallint NOT NULL,
                "body" text,
                CONSTRAINT "uq_reviews_course_id_user_id" UNIQUE ("course_id", "user_id"),
                CONSTRAINT "chk_reviews_rating" CHECK (
                    "rating" BETWEEN 1 AND 5
                ),
                CONSTRAINT "pk_reviews_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_reviews_course_id_created_at" ON "reviews" ("course_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "seat_holds" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "course_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "order_item_id" uuid NOT NULL,
                "status" character varying(20) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "release_after" TIMESTAMP WITH TIME ZONE NOT NULL,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "uq_seat_holds_order_item_id" UNIQUE ("order_item_id"),
                CONSTRAINT "chk_seat_holds_status" CHECK (
                    "status" IN (
                        'held',
                        'consumed',
                        'released',
                        'rejected',
                        'revoked'
                    )
                ),
                CONSTRAINT "pk_seat_holds_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_seat_holds_course_id" ON "seat_holds" ("course_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_seat_holds_release_after" ON "seat_holds" ("release_after")
            WHERE "status" = 'held'
        `);
    await queryRunner.query(`
            CREATE TABLE "user_profiles" (
                "user_id" uuid NOT NULL,
                "name" text,
                "avatar_url" text,
                "headline" text,
                "profile_as_of" TIMESTAMP WITH TIME ZONE,
                "account_deleted_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_user_profiles_user_id" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "categories"
            ADD CONSTRAINT "fk_categories_parent_id" FOREIGN KEY ("parent_id") REFERENCES "categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "courses"
            ADD CONSTRAINT "fk_courses_category_id" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "enrollments"
            ADD CONSTRAINT "fk_enrollments_course_id" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "course_modules"
            ADD CONSTRAINT "fk_course_modules_course_id" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lessons"
            ADD CONSTRAINT "fk_lessons_module_id" FOREIGN KEY ("module_id") REFERENCES "course_modules"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lessons"
            ADD CONSTRAINT "fk_lessons_course_id" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "assessments"
            ADD CONSTRAINT "fk_assessments_course_id" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "assessments"
            ADD CONSTRAINT "fk_assessments_lesson_id" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "assessment_attempts"
            ADD CONSTRAINT "fk_assessment_attempts_assessment_id" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "assessment_attempts"
            ADD CONSTRAINT "fk_assessment_attempts_enrollment_id" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "assessment_questions"
            ADD CONSTRAINT "fk_assessment_questions_assessment_id" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "certificates"
            ADD CONSTRAINT "fk_certificates_course_id" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "certificates"
            ADD CONSTRAINT "fk_certificates_enrollment_id" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lesson_completions"
            ADD CONSTRAINT "fk_lesson_completions_enrollment_id" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lesson_completions"
            ADD CONSTRAINT "fk_lesson_completions_lesson_id" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reviews"
            ADD CONSTRAINT "fk_reviews_course_id" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "seat_holds"
            ADD CONSTRAINT "fk_seat_holds_course_id" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE FUNCTION "courses_search_vector_refresh"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.search_vector :=
                    setweight(to_tsvector('english'::regconfig, coalesce(NEW.title, '')), 'A') ||
                    setweight(to_tsvector('english'::regconfig, coalesce(NEW.description, '')), 'B');
                RETURN NEW;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "courses_search_vector_refresh"
            BEFORE INSERT OR UPDATE OF "title", "description" ON "courses"
            FOR EACH ROW EXECUTE FUNCTION "courses_search_vector_refresh"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TRIGGER "courses_search_vector_refresh" ON "courses"
        `);
    await queryRunner.query(`
            DROP FUNCTION "courses_search_vector_refresh"()
        `);
    await queryRunner.query(`
            ALTER TABLE "seat_holds" DROP CONSTRAINT "fk_seat_holds_course_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "reviews" DROP CONSTRAINT "fk_reviews_course_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "lesson_completions" DROP CONSTRAINT "fk_lesson_completions_lesson_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "lesson_completions" DROP CONSTRAINT "fk_lesson_completions_enrollment_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "certificates" DROP CONSTRAINT "fk_certificates_enrollment_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "certificates" DROP CONSTRAINT "fk_certificates_course_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "assessment_questions" DROP CONSTRAINT "fk_assessment_questions_assessment_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "assessment_attempts" DROP CONSTRAINT "fk_assessment_attempts_enrollment_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "assessment_attempts" DROP CONSTRAINT "fk_assessment_attempts_assessment_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "assessments" DROP CONSTRAINT "fk_assessments_lesson_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "assessments" DROP CONSTRAINT "fk_assessments_course_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "lessons" DROP CONSTRAINT "fk_lessons_course_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "lessons" DROP CONSTRAINT "fk_lessons_module_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "course_modules" DROP CONSTRAINT "fk_course_modules_course_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "enrollments" DROP CONSTRAINT "fk_enrollments_course_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "courses" DROP CONSTRAINT "fk_courses_category_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "categories" DROP CONSTRAINT "fk_categories_parent_id"
        `);
    await queryRunner.query(`
            DROP TABLE "user_profiles"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_seat_holds_release_after"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_seat_holds_course_id"
        `);
    await queryRunner.query(`
            DROP TABLE "seat_holds"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_reviews_course_id_created_at"
        `);
    await queryRunner.query(`
            DROP TABLE "reviews"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_lesson_completions_lesson_id"
        `);
    await queryRunner.query(`
            DROP TABLE "lesson_completions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_certificates_enrollment_id"
        `);
    await queryRunner.query(`
            DROP TABLE "certificates"
        `);
    await queryRunner.query(`
            DROP TABLE "assessment_questions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_assessment_attempts_open"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_assessment_attempts_enrollment_id"
        `);
    await queryRunner.query(`
            DROP TABLE "assessment_attempts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_assessments_course_id"
        `);
    await queryRunner.query(`
            DROP TABLE "assessments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_lessons_course_id"
        `);
    await queryRunner.query(`
            DROP TABLE "lessons"
        `);
    await queryRunner.query(`
            DROP TABLE "course_modules"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_enrollments_course_id_user_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_enrollments_user_id"
        `);
    await queryRunner.query(`
            DROP TABLE "enrollments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_courses_search_vector"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_courses_instructor_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_courses_category_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_courses_published_at"
        `);
    await queryRunner.query(`
            DROP TABLE "courses"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_categories_parent_id"
        `);
    await queryRunner.query(`
            DROP TABLE "categories"
        `);
  }
}
