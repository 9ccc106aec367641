/* test-mail-body.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ce-mail-body.h"
#include "ce-reader.h"

static void
assert_structure (const char *input,
                  gboolean    flowed,
                  gboolean    delsp,
                  const char *expected)
{
  g_autofree char *body = ce_mail_body_structure (input, flowed, delsp);

  g_assert_cmpstr (body, ==, expected);
}

static void
test_plain (void)
{
  /* No quoting: the same as any other text field, hard wraps joined */
  assert_structure ("Hello all,\n\nThe meeting moved to\nThursday at ten.\n\nBen\n", FALSE, FALSE,
                    "Hello all,\n\nThe meeting moved to Thursday at ten.\n\nBen");
}

static void
test_top_posted (void)
{
  assert_structure ("Agreed, let us go ahead.\n"
                    "\n"
                    "On Tue, 5 Jan 2021 at 10:00, Ben Mord <ben@example.org> wrote:\n"
                    "> The harbour plan is ready\n"
                    "> for review.\n"
                    ">\n"
                    "> Ben\n",
                    FALSE, FALSE,
                    "Agreed, let us go ahead.\n\n"
                    "> On Tue, 5 Jan 2021 at 10:00, Ben Mord <ben@example.org> wrote:\n\n"
                    "> The harbour plan is ready for review.\n\n"
                    "> Ben");
}

static void
test_interleaved_nested (void)
{
  assert_structure ("Ann Lee wrote:\n"
                    "> Ben Mord wrote:\n"
                    ">> Should the ferry run\n"
                    ">> on Sundays?\n"
                    "> Only in summer.\n"
                    "\n"
                    "I disagree: the winter\n"
                    "timetable needs it too.\n"
                    "\n"
                    "> And the fares?\n"
                    "\n"
                    "Unchanged.\n",
                    FALSE, FALSE,
                    "> Ann Lee wrote:\n\n"
                    ">> Ben Mord wrote:\n\n"
                    ">> Should the ferry run on Sundays?\n\n"
                    "> Only in summer.\n\n"
                    "I disagree: the winter timetable needs it too.\n\n"
                    "> And the fares?\n\n"
                    "Unchanged.");
}

static void
test_outlook_forward (void)
{
  assert_structure ("See below.\n"
                    "\n"
                    "-----Original Message-----\n"
                    "From: Ben Mord\n"
                    "Sent: Monday, March 4, 2024 9:12 AM\n"
                    "To: Ann Lee\n"
                    "Subject: Tariffs\n"
                    "\n"
                    "The tariff review is\n"
                    "due in May.\n",
                    FALSE, FALSE,
                    "See below.\n\n"
                    "> -----Original Message----- From: Ben Mord Sent: Monday, March 4, 2024 9:12 AM To: Ann Lee Subject: Tariffs\n\n"
                    "> The tariff review is due in May.");

  /* Outlook without the marker line */
  assert_structure ("Noted.\n"
                    "\n"
                    "From: Ben Mord\n"
                    "Sent: Monday, March 4, 2024 9:12 AM\n"
                    "To: Ann Lee\n"
                    "Subject: Tariffs\n"
                    "\n"
                    "Due in May.\n",
                    FALSE, FALSE,
                    "Noted.\n\n"
                    "> From: Ben Mord Sent: Monday, March 4, 2024 9:12 AM To: Ann Lee Subject: Tariffs\n\n"
                    "> Due in May.");

  /* A forwarded message that is itself a reply */
  assert_structure ("FYI\n"
                    "\n"
                    "Begin forwarded message:\n"
                    "\n"
                    "Yes.\n"
                    "\n"
                    "> Is it on?\n",
                    FALSE, FALSE,
                    "FYI\n\n"
                    "> Begin forwarded message:\n\n"
                    "> Yes.\n\n"
                    ">> Is it on?");
}

static void
test_signature (void)
{
  assert_structure ("The vote is at noon.\n"
                    "\n"
                    "-- \n"
                    "Ann Lee\n"
                    "Harbour Gazette\n"
                    "+44 20 7946 0000\n",
                    FALSE, FALSE,
                    "The vote is at noon.\n\n"
                    "-- \nAnn Lee\nHarbour Gazette\n+44 20 7946 0000");

  /* A top-posted reply: the signature ends where the quote begins */
  assert_structure ("Yes.\n"
                    "-- \n"
                    "Ann\n"
                    "\n"
                    "On Monday, Ben wrote:\n"
                    "> Noon?\n",
                    FALSE, FALSE,
                    "Yes.\n\n"
                    "-- \nAnn\n\n"
                    "> On Monday, Ben wrote:\n\n"
                    "> Noon?");

  /* An empty signature leaves no mark */
  assert_structure ("Yes.\n\n-- \n", FALSE, FALSE, "Yes.");
}

static void
test_flowed (void)
{
  /* Soft breaks (a trailing space) join, hard ones do not; quoted flowed
   * lines join only with lines of their own depth; space-stuffing goes */
  assert_structure ("The harbour plan \n"
                    "is ready.\n"
                    "  Indented line\n"
                    "\n"
                    "> Quoted and \n"
                    "> flowed.\n"
                    "-- \n"
                    "Ben\n",
                    TRUE, FALSE,
                    "The harbour plan is ready. Indented line\n\n"
                    "> Quoted and flowed.\n\n"
                    "-- \nBen");

  assert_structure ("Hyphen-\n"
                    "less. Deleted \n"
                    "space\n",
                    TRUE, TRUE,
                    "Hyphen-\n\nless. Deletedspace");
}

static void
test_paragraph_kind (void)
{
  const char *quote = ">> Should the ferry run?";
  const char *signature = "-- \nAnn Lee";
  const char *text = ">not a quote";
  guint depth;
  gsize offset;

  g_assert_cmpint (ce_mail_paragraph_kind (quote, strlen (quote), &depth, &offset), ==, CE_MAIL_BLOCK_QUOTE);
  g_assert_cmpuint (depth, ==, 2);
  g_assert_cmpstr (quote + offset, ==, "Should the ferry run?");

  g_assert_cmpint (ce_mail_paragraph_kind (signature, strlen (signature), &depth, &offset), ==, CE_MAIL_BLOCK_SIGNATURE);
  g_assert_cmpuint (depth, ==, 0);
  g_assert_cmpstr (signature + offset, ==, "Ann Lee");

  g_assert_cmpint (ce_mail_paragraph_kind (text, strlen (text), &depth, &offset), ==, CE_MAIL_BLOCK_TEXT);
  g_assert_cmpuint (offset, ==, 0);
}

static gboolean
collect_cb (CeReadContext *ctx,
            CeDraft       *draft,
            gpointer       user_data)
{
  g_ptr_array_add (user_data, draft);
  return TRUE;
}

static const char *
meta_value (CeDraft    *draft,
            const char *key)
{
  for (guint i = 0; draft->meta != NULL && i + 1 < draft->meta->len; i += 2)
    if (strcmp (draft->meta->pdata[i], key) == 0)
      return draft->meta->pdata[i + 1];
  return NULL;
}

/* A thread of four messages in an mbox, read by the mail reader: the
 * bodies keep their quotes and signatures, and every message knows its
 * thread (References first, then In-Reply-To, else itself) */
static void
test_mbox_thread (void)
{
  static const char mbox[] =
    "From ann@example.org Mon Mar  4 09:00:00 2024\n"
    "From: Ann Lee <ann@example.org>\n"
    "Subject: Ferry timetable\n"
    "Message-ID: <root@example.org>\n"
    "Date: Mon, 4 Mar 2024 09:00:00 +0000\n"
    "\n"
    "Should the ferry run\n"
    "on Sundays?\n"
    "\n"
    "-- \n"
    "Ann Lee\n"
    "\n"
    "From ben@example.org Mon Mar  4 10:00:00 2024\n"
    "From: Ben Mord <ben@example.org>\n"
    "Subject: Re: Ferry timetable\n"
    "Message-ID: <reply1@example.org>\n"
    "In-Reply-To: <root@example.org>\n"
    "References: <root@example.org>\n"
    "Content-Type: text/plain; format=flowed\n"
    "Date: Mon, 4 Mar 2024 10:00:00 +0000\n"
    "\n"
    "Only in summer, I \n"
    "think.\n"
    "\n"
    "On Mon, Ann Lee wrote:\n"
    "> Should the ferry run \n"
    "> on Sundays?\n"
    "\n"
    "From ann@example.org Mon Mar  4 11:00:00 2024\n"
    "From: Ann Lee <ann@example.org>\n"
    "Subject: Re: Ferry timetable\n"
    "Message-ID: <reply2@example.org>\n"
    "In-Reply-To: <reply1@example.org>\n"
    "References: <root@example.org> <reply1@example.org>\n"
    "Date: Mon, 4 Mar 2024 11:00:00 +0000\n"
    "\n"
    "> Only in summer, I think.\n"
    "\n"
    "Winter too.\n"
    "\n"
    "From cy@example.org Tue Mar  5 08:00:00 2024\n"
    "From: Cy <cy@example.org>\n"
    "Subject: Tariffs\n"
    "Message-ID: <other@example.org>\n"
    "Date: Tue, 5 Mar 2024 08:00:00 +0000\n"
    "\n"
    "A new subject.\n";
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_draft_free);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (mbox, sizeof mbox - 1, NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  CeImportOptions options = { 0 };
  CeReadContext ctx = { 0 };

  ctx.path = "thread.mbox";
  ctx.options = &options;
  ctx.emit = collect_cb;
  ctx.emit_data = drafts;
  ctx.warnings = warnings;

  g_assert_true (ce_read_email (&ctx, stream, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 4);

  g_assert_cmpstr (((CeDraft *)drafts->pdata[0])->body, ==,
                   "Should the ferry run on Sundays?\n\n-- \nAnn Lee");
  g_assert_cmpstr (((CeDraft *)drafts->pdata[1])->body, ==,
                   "Only in summer, I think.\n\n> On Mon, Ann Lee wrote:\n\n> Should the ferry run on Sundays?");
  g_assert_cmpstr (((CeDraft *)drafts->pdata[2])->body, ==,
                   "> Only in summer, I think.\n\nWinter too.");
  g_assert_cmpstr (((CeDraft *)drafts->pdata[3])->body, ==, "A new subject.");

  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (meta_value (drafts->pdata[i], "thread"), ==, "root@example.org");
  g_assert_cmpstr (meta_value (drafts->pdata[3], "thread"), ==, "other@example.org");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/mail-body/plain", test_plain);
  g_test_add_func ("/corpus-explorer/mail-body/top-posted", test_top_posted);
  g_test_add_func ("/corpus-explorer/mail-body/interleaved-nested", test_interleaved_nested);
  g_test_add_func ("/corpus-explorer/mail-body/outlook-forward", test_outlook_forward);
  g_test_add_func ("/corpus-explorer/mail-body/signature", test_signature);
  g_test_add_func ("/corpus-explorer/mail-body/flowed", test_flowed);
  g_test_add_func ("/corpus-explorer/mail-body/paragraph-kind", test_paragraph_kind);
  g_test_add_func ("/corpus-explorer/mail-body/mbox-thread", test_mbox_thread);

  return g_test_run ();
}
