import type { Metadata } from "next"
import Link from "next/link"
import { notFound } from "next/navigation"
import { formatPrice, getProduct } from "@/app/lib/products"
import { addToCart } from "@/app/lib/cart-actions"
import { MAX_QUANTITY } from "@/app/lib/cart"
import { ProductImage } from "@/app/ui/product-image"

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = getProduct((await params).slug)
  return { title: product?.name ?? "Not found" }
}

export default async function ProductPage({ params }: Props) {
  const product = getProduct((await params).slug)
  if (!product) notFound()
  return (
    <div className="container product">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Shop</Link> <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">{product.name}</span>
      </nav>
      <div className="product__layout">
        <ProductImage
          product={product}
          size={600}
          className="product__image"
          eager
        />
        <div className="product__info">
          <h1 className="product__name">{product.name}</h1>
          <p className="product__price">{formatPrice(product.price)}</p>
          <p className="product__description">{product.description}</p>
          <form action={addToCart} className="add-to-cart">
            <input type="hidden" name="slug" value={product.slug} />
            <label htmlFor="quantity">Quantity</label>
            <select id="quantity" name="quantity" defaultValue="1">
              {Array.from({ length: MAX_QUANTITY }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  {i + 1}
                </option>
              ))}
            </select>
            <button type="submit" className="button">
              Add to cart
            </button>
          </form>
          <h2 className="product__subtitle">Details</h2>
          <ul className="product__details">
            {product.details.map((detail) => (
              <li key={detail}>{detail}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  )
}
