#!/usr/bin/env python3
# check-icons.py
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks what the icon theme and GTK expect of the application icons: the
# full-colour icon is a 128×128 canvas, and the symbolic one a 16×16 canvas
# drawn with fills of the single colour #2e3436, because GTK recolours a
# symbolic icon by overriding fills (a stroke-only shape would be filled).
#
# usage: check-icons.py APP-ICON.svg SYMBOLIC-ICON.svg

import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
SHAPES = {'path', 'rect', 'circle', 'ellipse', 'polygon', 'polyline', 'line'}
SYMBOLIC_COLOR = '#2e3436'


def parse(path, errors):
    try:
        return ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        errors.append(f'{path}: cannot parse: {e}')
        return None


def check_canvas(path, root, size, errors):
    if root.tag != SVG + 'svg':
        errors.append(f'{path}: root element is {root.tag}, expected svg')
        return
    if root.get('viewBox', '').split() != ['0', '0', str(size), str(size)]:
        errors.append(f'{path}: viewBox must be "0 0 {size} {size}"')
    for attr in ('width', 'height'):
        if root.get(attr) != str(size):
            errors.append(f'{path}: {attr} must be {size}')


def style_props(element):
    props = {}
    for decl in element.get('style', '').split(';'):
        if ':' in decl:
            key, value = decl.split(':', 1)
            props[key.strip()] = value.strip()
    for key in ('fill', 'stroke'):
        if element.get(key) is not None:
            props[key] = element.get(key)
    return props


def check_symbolic(path, root, errors):
    inherited = {root: {}}
    shapes = 0
    for parent in root.iter():
        for child in parent:
            props = dict(inherited[parent])
            props.update(style_props(child))
            inherited[child] = props
            tag = child.tag.replace(SVG, '')
            if tag in ('linearGradient', 'radialGradient', 'image', 'text'):
                errors.append(f'{path}: symbolic icons must not use <{tag}>')
            if tag not in SHAPES:
                continue
            shapes += 1
            fill = props.get('fill', '#000000').lower()
            stroke = props.get('stroke', 'none').lower()
            if fill != SYMBOLIC_COLOR:
                errors.append(f'{path}: a <{tag}> is filled with {fill}, expected {SYMBOLIC_COLOR}')
            if stroke != 'none':
                errors.append(f'{path}: a <{tag}> has a stroke; symbolic shapes must be fills')
    if shapes == 0:
        errors.append(f'{path}: no shapes')


def check_app_icon(path, root, errors):
    colors = set()
    for element in root.iter():
        for value in style_props(element).values():
            colors.update(c.lower() for c in re.findall(r'#[0-9a-fA-F]{6}', value))
        for attr in ('stop-color',):
            if element.get(attr):
                colors.add(element.get(attr).lower())
    if len(colors) < 4:
        errors.append(f'{path}: a full-colour icon should use several palette colours')


def main():
    if len(sys.argv) != 3:
        print('usage: check-icons.py APP-ICON.svg SYMBOLIC-ICON.svg', file=sys.stderr)
        return 1
    app, symbolic = sys.argv[1:]
    errors = []
    root = parse(app, errors)
    if root is not None:
        check_canvas(app, root, 128, errors)
        check_app_icon(app, root, errors)
    root = parse(symbolic, errors)
    if root is not None:
        check_canvas(symbolic, root, 16, errors)
        check_symbolic(symbolic, root, errors)
    for e in errors:
        print(f'check-icons: {e}', file=sys.stderr)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
