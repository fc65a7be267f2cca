import Link from "next/link"

export default function NotFound() {
  return (
    <div className="container narrow">
      <h1 className="page-title">We couldn&apos;t find that page</h1>
      <p>It may have moved, or the link may be mistyped.</p>
      <p>
        <Link href="/" className="button">
          Back to the shop
        </Link>
      </p>
    </div>
  )
}
