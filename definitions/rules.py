"""This site's published rules: how the generators' cost, customizability and versatility
follow from their facts. The concept page on choosing a generator prints each as a table."""

from __future__ import annotations

from kb.data.rules import CountRule, PriceBand, PriceRule

GENERATOR_COST = PriceRule(
    "generator-cost",
    (
        PriceBand("plan_price_min", "Cheapest paid plan", "usd-month", 10, 25),
        PriceBand("api_price_min", "Lowest API price per image", "usd-image", 0.02, 0.06),
    ),
    free_field="pricing",
    free_code="free",
)

GENERATOR_CUSTOMIZABILITY = CountRule(
    "generator-customizability",
    (
        ("features", "inpainting"),
        ("features", "outpainting"),
        ("features", "image-to-image"),
        ("features", "reference-images"),
        ("features", "style-presets"),
        ("features", "fine-tuning"),
        ("access", "open-weights"),
    ),
    average_from=2,
    high_from=4,
)

GENERATOR_VERSATILITY = CountRule(
    "generator-versatility",
    (
        ("features", "image-editing"),
        ("features", "video"),
        ("features", "vector-output"),
        ("features", "text-rendering"),
        ("features", "anime-style"),
        ("features", "templates"),
        ("features", "upscaling"),
    ),
    average_from=2,
    high_from=4,
)

RULES = (GENERATOR_COST, GENERATOR_CUSTOMIZABILITY, GENERATOR_VERSATILITY)
