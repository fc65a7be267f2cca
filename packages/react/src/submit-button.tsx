"use client"
import type { ReactNode } from "react"
import { useFormStatus } from "react-dom"

/** A submit button that shows its form is on its way and can't be pressed twice. */
export function SubmitButton({
  children,
  pendingText,
  className,
  disabled = false,
  describedBy,
  id,
  name,
  value,
}: {
  children: ReactNode
  pendingText: string
  className: string
  disabled?: boolean
  describedBy?: string
  id?: string
  /** The button's own field (e.g. `intent=oauth`): posted only when it is the one pressed. */
  name?: string
  value?: string
}) {
  const { pending } = useFormStatus()
  return (
    <button
      id={id}
      type="submit"
      name={name}
      value={value}
      className={className}
      disabled={disabled || pending}
      aria-describedby={describedBy}
      data-pending={pending || undefined}
    >
      {pending ? pendingText : children}
    </button>
  )
}
