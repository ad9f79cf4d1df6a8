"use client";

import { useRouter } from "next/navigation";
import { Fragment, startTransition, useActionState, useEffect, useId, useRef, type FormEvent } from "react";
import type { Locale, LocalizedText } from "../../../graders/text";
import type { ActionResult } from "../../_server/action-result";

/** What a cohort or assignment action returns on success: a message to show, and where to go next, if anywhere. */
export interface FormOutcome {
  message: LocalizedText;
  href?: string;
}

export type OutcomeAction = (previous: ActionResult<FormOutcome> | undefined, form: FormData) => Promise<ActionResult<FormOutcome>>;

export interface FieldOption {
  value: string;
  label: string;
  /** Options with the same group are shown under one heading (optgroup). */
  group?: string;
}

/** A form field described as data, so that server pages can declare forms and this one client component runs them. */
export interface FieldSpec {
  name: string;
  label: string;
  type?: "text" | "email" | "number" | "datetime-local" | "hidden" | "select";
  defaultValue?: string;
  hint?: string;
  required?: boolean;
  options?: FieldOption[];
  min?: number;
  max?: number;
  step?: number;
  autoComplete?: string;
  /** e.g. "characters" for join codes typed on phones. */
  autoCapitalize?: string;
}

/**
 * Runs a server action from a form: shows the form error and each field's error next to its field (announced to
 * screen readers), keeps what was typed when something needs fixing, confirms destructive actions, and shows the
 * outcome (or follows its link).
 */
export function ActionForm(props: {
  action: OutcomeAction;
  fields: FieldSpec[];
  submitLabel: string;
  busyLabel: string;
  locale: Locale;
  layout?: "stack" | "inline";
  danger?: boolean;
  /** Asked with the browser's confirm dialog before the action runs. */
  confirm?: string;
  /** Cleared after a success (e.g. the email of a co-instructor just added). */
  resetOnSuccess?: boolean;
  testId?: string;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const idBase = useId();
  const [state, action, pending] = useActionState<ActionResult<FormOutcome> | undefined, FormData>(props.action, undefined);

  // Submitted by hand rather than through <form action>: React resets a form after its action, which would wipe
  // what the instructor typed when a field needs fixing.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (props.confirm && !window.confirm(props.confirm)) return;
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  }

  useEffect(() => {
    if (!state?.ok) return;
    if (props.resetOnSuccess) formRef.current?.reset();
    if (state.data.href) router.push(state.data.href);
    else router.refresh();
  }, [state, router, props.resetOnSuccess]);

  const errors = state && !state.ok ? state.fieldErrors : {};
  const fieldNames = new Set(props.fields.map((f) => f.name));
  // A field error for a hidden or unknown field has nowhere to show: show it with the form's message.
  const orphans = Object.entries(errors).filter(([name]) => !fieldNames.has(name) || props.fields.find((f) => f.name === name)?.type === "hidden");
  const inline = props.layout === "inline";

  return (
    <form ref={formRef} className={inline ? "inline-form" : "stack"} onSubmit={onSubmit} noValidate data-testid={props.testId} style={inline ? { flexWrap: "wrap" } : undefined}>
      {state && !state.ok && (
        <p className="alert" role="alert" style={inline ? { margin: 0 } : undefined}>
          {state.error[props.locale]}
          {orphans.map(([name, text]) => (
            <span key={name}> {text[props.locale]}</span>
          ))}
        </p>
      )}
      {props.fields.map((field) => {
        if (field.type === "hidden") return <input key={field.name} type="hidden" name={field.name} value={field.defaultValue ?? ""} />;
        const id = `${idBase}-${field.name}`;
        const error = errors[field.name];
        const describedBy = [field.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
        const common = {
          id,
          name: field.name,
          defaultValue: field.defaultValue,
          required: field.required ?? true,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": describedBy,
          // A long option or a date picker must not push the form wider than a phone screen.
          style: { maxWidth: "100%", minWidth: 0 },
        };
        return (
          <label key={field.name} htmlFor={id} style={{ minWidth: 0 }}>
            {field.label}
            {field.type === "select" ? (
              <select {...common}>{renderOptions(field.options ?? [])}</select>
            ) : (
              <input
                {...common}
                type={field.type ?? "text"}
                min={field.min}
                max={field.max}
                step={field.step}
                autoComplete={field.autoComplete}
                autoCapitalize={field.autoCapitalize}
              />
            )}
            {field.hint && (
              <span id={`${id}-hint`} className="hint">
                {field.hint}
              </span>
            )}
            {error && (
              <span id={`${id}-error`} className="field-error" role="alert">
                {error[props.locale]}
              </span>
            )}
          </label>
        );
      })}
      <div className="inline-form">
        <button
          type="submit"
          disabled={pending}
          className={props.danger ? "secondary" : undefined}
          style={props.danger ? { borderColor: "var(--danger)", color: "var(--danger)" } : undefined}
        >
          {pending ? props.busyLabel : props.submitLabel}
        </button>
        {state?.ok && (
          <span className="hint" role="status">
            {state.data.message[props.locale]}
          </span>
        )}
      </div>
    </form>
  );
}

function renderOptions(options: FieldOption[]) {
  const groups: { name: string | undefined; options: FieldOption[] }[] = [];
  for (const option of options) {
    const last = groups[groups.length - 1];
    if (last && last.name === option.group) last.options.push(option);
    else groups.push({ name: option.group, options: [option] });
  }
  return groups.map((g, i) => {
    const items = g.options.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
    return g.name ? (
      <optgroup key={`${g.name}-${i}`} label={g.name}>
        {items}
      </optgroup>
    ) : (
      <Fragment key={`none-${i}`}>{items}</Fragment>
    );
  });
}
