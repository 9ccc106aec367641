/* test-color.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ce-color.h"
#include "ce-topic.h"

static void
test_parse (void)
{
  CeColor color;
  g_autofree char *text = NULL;

  g_assert_true (ce_color_parse (&color, "#0072b2"));
  g_assert_cmpfloat_with_epsilon (color.red, 0., 1e-9);
  g_assert_cmpfloat_with_epsilon (color.green, 0x72 / 255., 1e-9);
  g_assert_cmpfloat_with_epsilon (color.blue, 0xb2 / 255., 1e-9);
  g_assert_cmpfloat_with_epsilon (color.alpha, 1., 1e-9);

  text = ce_color_to_string (&color);
  g_assert_cmpstr (text, ==, "#0072b2");

  g_assert_true (ce_color_parse (&color, "#ffffff80"));
  g_assert_cmpfloat_with_epsilon (color.alpha, 128 / 255., 1e-9);

  g_assert_false (ce_color_parse (&color, "0072b2"));
  g_assert_false (ce_color_parse (&color, "#0072b"));
  g_assert_false (ce_color_parse (&color, "#00zz00"));
  g_assert_false (ce_color_parse (&color, NULL));
}

static void
test_palette (void)
{
  guint n = ce_topic_palette_size ();

  g_assert_cmpuint (n, >=, 6);
  g_assert_cmpstr (ce_topic_palette_get (0), ==, ce_topic_palette_get (n));

  for (guint i = 0; i < n; i++)
    {
      CeColor color;

      g_assert_true (ce_color_parse (&color, ce_topic_palette_get (i)));
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (ce_topic_palette_get (i), !=, ce_topic_palette_get (j));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/color/parse", test_parse);
  g_test_add_func ("/corpus-explorer/color/palette", test_palette);

  return g_test_run ();
}
