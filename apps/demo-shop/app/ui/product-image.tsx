import type { Product } from "@/app/lib/products"

/**
 * A product's local SVG. A plain <img>: SVGs need no resizing, and next/image would add an inline
 * style attribute that the strict Content-Security-Policy (no 'unsafe-inline') refuses.
 */
export function ProductImage({
  product,
  size,
  className,
  decorative = false,
  eager = false,
}: {
  product: Product
  size: number
  className: string
  decorative?: boolean
  eager?: boolean
}) {
  return (
    <img
      src={product.image}
      alt={decorative ? "" : product.imageAlt}
      width={size}
      height={size}
      className={className}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
    />
  )
}
