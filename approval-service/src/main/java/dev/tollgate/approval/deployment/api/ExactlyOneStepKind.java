package dev.tollgate.approval.deployment.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A step names exactly one kind: setWeight, pause, gate, analysis, preview, switch, scaleDown or experiment. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ExactlyOneStepKind.Validator.class)
public @interface ExactlyOneStepKind {

  String message() default
      "must set exactly one of setWeight, pause, gate, analysis, preview, switch, scaleDown, experiment";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<ExactlyOneStepKind, StepBody> {
    @Override
    public boolean isValid(StepBody step, ConstraintValidatorContext context) {
      return step == null || step.kindCount() == 1;
    }
  }
}
