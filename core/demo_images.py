"""Illustrations for the demo content, drawn here with Pillow: flat shapes, no people, nothing downloaded."""

import io
import math
import random

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

WIDTH, HEIGHT = 1600, 900
PALETTES = {
    "ochtend": ((245, 236, 220), (220, 120, 70), (40, 90, 120), (250, 200, 90), (110, 160, 140)),
    "kanaal": ((226, 238, 240), (30, 110, 140), (240, 170, 60), (60, 60, 90), (150, 200, 210)),
    "groen": ((232, 240, 226), (70, 130, 80), (200, 90, 70), (40, 70, 60), (240, 210, 120)),
    "avond": ((40, 50, 80), (240, 190, 90), (200, 110, 120), (120, 150, 200), (250, 240, 220)),
}


def _houses(draw, rng, colours):
    background, roof, wall, accent, ground = colours
    draw.rectangle([0, HEIGHT * 0.72, WIDTH, HEIGHT], fill=ground)
    x = -40
    while x < WIDTH:
        width = rng.randint(170, 260)
        height = rng.randint(260, 420)
        top = HEIGHT * 0.72 - height
        draw.rectangle([x, top, x + width, HEIGHT * 0.72], fill=wall if rng.random() < 0.6 else accent)
        draw.polygon([(x - 10, top), (x + width / 2, top - rng.randint(80, 150)), (x + width + 10, top)], fill=roof)
        for row in range(2):
            for column in range(2):
                wx = x + 30 + column * (width - 90)
                wy = top + 40 + row * 110
                draw.rectangle([wx, wy, wx + 40, wy + 60], fill=background)
        draw.rectangle([x + width / 2 - 25, HEIGHT * 0.72 - 100, x + width / 2 + 25, HEIGHT * 0.72], fill=roof)
        x += width + rng.randint(10, 40)


def _table(draw, rng, colours):
    background, table, chair, accent, cup = colours
    centre = (WIDTH / 2 + rng.randint(-200, 200), HEIGHT / 2)
    radius = 230
    seats = rng.randint(6, 9)
    for index in range(seats):
        angle = 2 * math.pi * index / seats
        cx = centre[0] + math.cos(angle) * (radius + 90)
        cy = centre[1] + math.sin(angle) * (radius + 90)
        draw.ellipse([cx - 55, cy - 55, cx + 55, cy + 55], fill=chair)
        px = centre[0] + math.cos(angle) * (radius - 60)
        py = centre[1] + math.sin(angle) * (radius - 60)
        draw.ellipse([px - 22, py - 22, px + 22, py + 22], fill=cup)
    draw.ellipse([centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius], fill=table)
    for index in range(seats):
        angle = 2 * math.pi * index / seats
        px = centre[0] + math.cos(angle) * (radius - 60)
        py = centre[1] + math.sin(angle) * (radius - 60)
        draw.ellipse([px - 20, py - 20, px + 20, py + 20], fill=cup)
    draw.rectangle([centre[0] - 70, centre[1] - 45, centre[0] + 70, centre[1] + 45], fill=accent)


def _coins(draw, rng, colours):
    background, coin, note, accent, shade = colours
    draw.rounded_rectangle([180, 260, 820, 620], radius=24, fill=note)
    draw.ellipse([420, 360, 580, 520], outline=background, width=10)
    for stack in range(4):
        x = 940 + stack * 150
        for level in range(rng.randint(4, 11)):
            y = 720 - level * 34
            draw.ellipse([x, y, x + 130, y + 46], fill=shade)
            draw.ellipse([x, y - 8, x + 130, y + 38], fill=coin)
    draw.rectangle([0, 760, WIDTH, HEIGHT], fill=accent)


def _bubbles(draw, rng, colours):
    background, first, second, third, line = colours
    for index, colour in enumerate((first, second, third, first)):
        x = 160 + index * 330 + rng.randint(-40, 40)
        y = 160 + (index % 2) * 260 + rng.randint(-40, 40)
        draw.rounded_rectangle([x, y, x + 420, y + 220], radius=60, fill=colour)
        draw.polygon([(x + 80, y + 210), (x + 60, y + 300), (x + 170, y + 210)], fill=colour)
        for row in range(3):
            draw.line([(x + 50, y + 60 + row * 50), (x + 370 - row * 60, y + 60 + row * 50)], fill=line, width=14)


def _map(draw, rng, colours):
    background, water, pin, road, park = colours
    for _ in range(6):
        x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        draw.rounded_rectangle([x, y, x + rng.randint(160, 360), y + rng.randint(100, 220)], radius=30, fill=park)
    draw.line([(0, 640), (500, 560), (1000, 700), (1600, 600)], fill=water, width=70)
    for offset in range(0, WIDTH, 220):
        draw.line([(offset, 0), (offset + 120, HEIGHT)], fill=road, width=16)
    for _ in range(5):
        x, y = rng.randint(120, WIDTH - 120), rng.randint(120, HEIGHT - 200)
        draw.ellipse([x - 45, y - 45, x + 45, y + 45], fill=pin)
        draw.polygon([(x - 38, y + 20), (x, y + 110), (x + 38, y + 20)], fill=pin)
        draw.ellipse([x - 16, y - 16, x + 16, y + 16], fill=background)


MOTIFS = {"huizen": _houses, "tafel": _table, "geld": _coins, "gesprek": _bubbles, "kaart": _map}


def draw_illustration(motif, palette, seed):
    colours = PALETTES[palette]
    picture = PillowImage.new("RGB", (WIDTH, HEIGHT), colours[0])
    MOTIFS[motif](ImageDraw.Draw(picture), random.Random(seed), colours)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def demo_image(title, motif, palette="ochtend", seed=1):
    """The library image with this title, drawn and added the first time."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        # An emptied database (transactional tests) has lost the root collection that images go into.
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        data = draw_illustration(motif, palette, seed)
        image = Image(title=title)
        image.file = ImageFile(io.BytesIO(data), name=f"demo-{motif}-{palette}-{seed}.png")
        image.save()
    return image
