import type { Metadata } from "next"
import Link from "next/link"

export const metadata: Metadata = { title: "Thank you" }

type Props = { searchParams: Promise<{ order?: string | string[] }> }

export default async function ThankYouPage({ searchParams }: Props) {
  const { order } = await searchParams
  const reference =
    typeof order === "string" && /^LWL-[A-Z0-9]{1,10}$/.test(order)
      ? order
      : undefined
  return (
    <div className="container narrow">
      <h1 className="page-title">Thank you for your order</h1>
      {reference ? (
        <p>
          Your order reference is <strong className="mono">{reference}</strong>.
        </p>
      ) : null}
      <p>
        We&apos;ll text you when it ships. (Not really: this is a demo shop.)
      </p>
      <p>
        <Link href="/" className="button">
          Keep shopping
        </Link>
      </p>
    </div>
  )
}
