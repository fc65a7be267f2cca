/**
 * The catalog. A real shop would read this from a database or a commerce API; the demo keeps it in
 * code so that a clone runs with nothing else installed.
 * @module
 */

export type Product = {
  slug: string
  name: string
  /** Price in cents, USD. */
  price: number
  summary: string
  description: string
  details: string[]
  /** A local SVG under /public/images/products. */
  image: string
  imageAlt: string
}

export const products: readonly Product[] = [
  {
    slug: "stoneware-mug",
    name: "Stoneware Mug",
    price: 2400,
    summary: "A hand-thrown mug with a speckled oat glaze.",
    description:
      "Thrown on the wheel in small batches, each mug holds a generous 12 oz and keeps its warmth. The speckled glaze means no two are quite alike.",
    details: [
      "12 oz / 350 ml",
      "Dishwasher and microwave safe",
      "Made in Portugal",
    ],
    image: "/images/products/stoneware-mug.svg",
    imageAlt: "A cream stoneware mug with dark speckles",
  },
  {
    slug: "linen-tote",
    name: "Linen Market Tote",
    price: 3200,
    summary: "Washed linen, long handles, room for the week's groceries.",
    description:
      "Stonewashed European linen with reinforced seams and an inside pocket for keys. Folds flat into a coat pocket.",
    details: ["40 x 38 cm, 12 cm gusset", "100% linen", "Machine washable"],
    image: "/images/products/linen-tote.svg",
    imageAlt: "A sage green linen tote bag with long handles",
  },
  {
    slug: "beeswax-candle",
    name: "Beeswax Pillar Candle",
    price: 1800,
    summary: "Pure beeswax with a cotton wick, about 40 hours of light.",
    description:
      "Poured from unbleached beeswax that smells faintly of honey. Burns clean and slow, with a warm golden flame.",
    details: ["7 x 10 cm", "Approx. 40 hour burn", "Cotton wick"],
    image: "/images/products/beeswax-candle.svg",
    imageAlt: "A golden beeswax pillar candle with a lit flame",
  },
  {
    slug: "dot-grid-notebook",
    name: "Dot Grid Notebook",
    price: 1600,
    summary: "A5, lay-flat binding, 160 pages of smooth 100 gsm paper.",
    description:
      "Thread-sewn so it opens flat, with a cloth cover that softens with use. Fountain pen friendly paper that doesn't bleed through.",
    details: ["A5, 160 pages", "100 gsm paper", "Ribbon marker"],
    image: "/images/products/dot-grid-notebook.svg",
    imageAlt: "A terracotta cloth-covered notebook with a ribbon marker",
  },
  {
    slug: "enamel-camp-cup",
    name: "Enamel Camp Cup",
    price: 1400,
    summary: "Steel with a glossy enamel coat, for trails and porches.",
    description:
      "Light, nearly unbreakable and happy over a camp stove. The navy rim is hand-finished.",
    details: ["10 oz / 300 ml", "Enamel-coated steel", "Stackable"],
    image: "/images/products/enamel-camp-cup.svg",
    imageAlt: "A white enamel camp cup with a navy rim",
  },
  {
    slug: "wool-socks",
    name: "Merino Hiking Socks",
    price: 2200,
    summary: "Cushioned merino blend that stays warm when wet.",
    description:
      "A soft merino blend knit with a cushioned sole and a seamless toe. Warm in winter, breathable in summer.",
    details: ["Sizes S to XL", "70% merino wool", "Knit in North Carolina"],
    image: "/images/products/wool-socks.svg",
    imageAlt: "A pair of rust red wool socks with cream stripes",
  },
  {
    slug: "terracotta-planter",
    name: "Terracotta Planter",
    price: 2800,
    summary: "Unglazed clay with a drainage saucer, for herbs or a fern.",
    description:
      "Breathable terracotta keeps roots healthy. Comes with a matching saucer so your sill stays dry.",
    details: ["15 cm diameter", "Drainage hole and saucer", "Frost resistant"],
    image: "/images/products/terracotta-planter.svg",
    imageAlt: "A terracotta planter holding a green leafy plant",
  },
  {
    slug: "cast-iron-teapot",
    name: "Cast Iron Teapot",
    price: 5600,
    summary: "Enamelled inside, with a stainless infuser.",
    description:
      "A heavy, heat-holding teapot in the tetsubin tradition. Brews four cups, and the infuser lifts out for loose leaf.",
    details: ["800 ml", "Enamelled interior", "Stainless steel infuser"],
    image: "/images/products/cast-iron-teapot.svg",
    imageAlt: "A dark cast iron teapot with a curved handle",
  },
]

export function getProduct(slug: string): Product | undefined {
  return products.find((product) => product.slug === slug)
}

const priceFormat = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
})

export function formatPrice(cents: number): string {
  return priceFormat.format(cents / 100)
}
