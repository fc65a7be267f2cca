import { ProductImage } from "./product-image"
import Link from "next/link"
import { formatPrice, type Product } from "@/app/lib/products"

export function ProductCard({ product }: { product: Product }) {
  return (
    <li className="product-card">
      <Link href={`/products/${product.slug}`} className="product-card__link">
        <ProductImage
          product={product}
          size={600}
          className="product-card__image"
        />
        <span className="product-card__body">
          <span className="product-card__name">{product.name}</span>
          <span className="product-card__summary">{product.summary}</span>
          <span className="product-card__price">
            {formatPrice(product.price)}
          </span>
        </span>
      </Link>
    </li>
  )
}
