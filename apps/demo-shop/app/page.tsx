import Link from "next/link"
import { products } from "./lib/products"
import { demoInfo } from "./lib/demo"
import { ProductCard } from "./ui/product-card"
import { DemoNotice } from "./ui/demo-notice"

export default function HomePage() {
  const demo = demoInfo()
  return (
    <>
      <section className="hero">
        <div className="container hero__inner">
          <div>
            <p className="eyebrow">New this autumn</p>
            <h1 className="hero__title">Small-batch goods for slow mornings</h1>
            <p className="hero__lead">
              Stoneware, linen and beeswax from a handful of makers we know by
              name. Check out in seconds with Link: your email, a code by text,
              done.
            </p>
            <p>
              <Link href="#catalog" className="button">
                Shop the collection
              </Link>
            </p>
          </div>
          {demo ? <DemoNotice demo={demo} /> : null}
        </div>
      </section>
      <section
        id="catalog"
        className="container catalog"
        aria-labelledby="catalog-title"
      >
        <h2 id="catalog-title" className="section-title">
          The collection
        </h2>
        <ul className="product-grid">
          {products.map((product) => (
            <ProductCard key={product.slug} product={product} />
          ))}
        </ul>
      </section>
    </>
  )
}
