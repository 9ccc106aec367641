/* ce-read-html.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-read-html"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

#include "ce-date.h"
#include "ce-decode.h"
#include "ce-fields.h"
#include "ce-reader.h"

/* Elements whose text is not part of the article */
static const char * const dropped_elements[] = {
  "script", "style", "nav", "header", "footer", "aside", "noscript", "head",
  "template", "form", "button", "select", "textarea", "svg", "iframe",
  "object", "embed", "canvas", "menu", "dialog",
};

/* Elements that end a paragraph */
static const char * const block_elements[] = {
  "p", "div", "li", "ul", "ol", "br", "blockquote", "section", "article",
  "main", "table", "tr", "pre", "dl", "dt", "dd", "figure", "figcaption",
  "address", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "body", "center",
  "caption", "details", "summary", "fieldset", "legend",
};

/* Meta names (name, property or itemprop), most telling first */
static const char * const date_metas[] = {
  "article:published_time", "og:published_time", "datepublished", "date",
  "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued",
  "dcterms.date", "dcterms.issued", "dcterms.created", "parsely-pub-date",
  "sailthru.date", "article.published", "datecreated",
};
static const char * const author_metas[] = {
  "author", "article:author", "dc.creator", "dcterms.creator", "byl",
  "parsely-author", "sailthru.author",
};

typedef struct
{
  GString    *body;
  GString    *paragraph;
  gboolean    space;
  int         heading;       /* level of the heading being read, or 0 */
  xmlNode    *heading_node;
  xmlNode    *skip_h1;       /* the h1 that is the title */
} Walk;

static gboolean
name_in (const xmlChar      *name,
         const char * const *names,
         gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp ((const char *)name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *)node->name, name) == 0;
}

static int
heading_level (xmlNode *node)
{
  const char *name = (const char *)node->name;

  if (node->type == XML_ELEMENT_NODE && (name[0] == 'h' || name[0] == 'H') &&
      name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
    return name[1] - '0';
  return 0;
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *)value);
  xmlFree (value);
  return copy;
}

/* The text of @node, on one line */
static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *clean;

  if (content == NULL)
    return NULL;
  clean = ce_fields_clean_line ((const char *)content);
  xmlFree (content);
  return clean;
}

/* Depth-first walk without recursion: documents can nest deeply */
static xmlNode *
next_node (xmlNode  *node,
           xmlNode  *root,
           gboolean  descend)
{
  if (descend && node->children != NULL)
    return node->children;

  while (node != NULL && node != root)
    {
      if (node->next != NULL)
        return node->next;
      node = node->parent;
    }

  return NULL;
}

static xmlNode *
find_element (xmlNode    *root,
              const char *name,
              guint      *count)
{
  xmlNode *found = NULL;

  if (count != NULL)
    *count = 0;

  for (xmlNode *node = root; node != NULL; node = next_node (node, root, TRUE))
    {
      if (is_element (node, name))
        {
          if (found == NULL)
            found = node;
          if (count == NULL)
            break;
          (*count)++;
        }
    }

  return found;
}

static void
flush_paragraph (Walk *walk)
{
  if (walk->paragraph->len == 0)
    return;

  if (walk->body->len > 0)
    g_string_append (walk->body, "\n\n");
  if (walk->heading > 0)
    g_string_append (walk->body, CE_HEADING_MARK);
  g_string_append_len (walk->body, walk->paragraph->str, walk->paragraph->len);
  g_string_truncate (walk->paragraph, 0);
  walk->space = FALSE;
}

/* Appends text with HTML's white space rules: any run of spaces,
 * newlines and no-break spaces is one space */
static void
append_text (Walk       *walk,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || (p[0] == '\xC2' && p[1] == '\xA0'))
        {
          if (p[0] == '\xC2')
            p++;
          walk->space = TRUE;
          continue;
        }
      if ((guchar)*p < 0x20 || *p == 0x7F)
        continue;
      if (walk->space && walk->paragraph->len > 0)
        g_string_append_c (walk->paragraph, ' ');
      walk->space = FALSE;
      g_string_append_c (walk->paragraph, *p);
    }
}

static void
leave_node (Walk    *walk,
            xmlNode *node)
{
  if (node->type != XML_ELEMENT_NODE)
    return;

  if (node == walk->heading_node)
    {
      flush_paragraph (walk);
      walk->heading = 0;
      walk->heading_node = NULL;
    }
  else if (name_in (node->name, block_elements, G_N_ELEMENTS (block_elements)))
    flush_paragraph (walk);
  else if (is_element (node, "td") || is_element (node, "th"))
    walk->space = TRUE;
}

/* Returns whether to go into the children of @node */
static gboolean
enter_node (Walk    *walk,
            xmlNode *node)
{
  int level;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (node->content != NULL)
        append_text (walk, (const char *)node->content);
      return FALSE;
    }

  if (node->type != XML_ELEMENT_NODE)
    return FALSE;

  if (node == walk->skip_h1 || name_in (node->name, dropped_elements, G_N_ELEMENTS (dropped_elements)))
    return FALSE;

  if (name_in (node->name, block_elements, G_N_ELEMENTS (block_elements)))
    flush_paragraph (walk);

  level = heading_level (node);
  if (level > 0 && walk->heading == 0)
    {
      walk->heading = level;
      walk->heading_node = node;
    }

  return TRUE;
}

static char *
walk_text (xmlNode *root,
           xmlNode *skip_h1)
{
  Walk walk = { 0 };
  xmlNode *node = root;

  walk.body = g_string_new (NULL);
  walk.paragraph = g_string_new (NULL);
  walk.skip_h1 = skip_h1;

  while (node != NULL)
    {
      gboolean descend = enter_node (&walk, node);

      if (descend && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      leave_node (&walk, node);
      while (node != root && node->next == NULL)
        {
          node = node->parent;
          leave_node (&walk, node);
        }
      node = node == root ? NULL : node->next;
    }

  walk.heading = 0;
  flush_paragraph (&walk);
  g_string_free (walk.paragraph, TRUE);

  return g_string_free (walk.body, FALSE);
}

/* A charset named in the first bytes: <meta charset="...">,
 * <meta http-equiv="Content-Type" content="text/html; charset=...">
 * or <?xml encoding="..."?> */
static char *
charset_after (const char *p)
{
  const char *start;
  const char *end;

  /* Past the word "charset" or "encoding" to its '=' */
  while (g_ascii_isalpha (*p))
    p++;
  while (*p == ' ')
    p++;
  if (*p != '=')
    return NULL;
  p++;
  while (*p == ' ' || *p == '"' || *p == '\'')
    p++;
  start = end = p;
  while (g_ascii_isalnum (*end) || *end == '-' || *end == '_' || *end == '.' || *end == ':')
    end++;

  return end > start ? g_strndup (start, end - start) : NULL;
}

static char *
sniff_charset (const char *html,
               gsize       len)
{
  g_autofree char *head = g_ascii_strdown (html, MIN (len, 4096));
  const char *p;

  for (p = strstr (head, "charset"); p != NULL; p = strstr (p + 1, "charset"))
    {
      char *charset = charset_after (p);

      if (charset != NULL)
        return charset;
    }

  p = strstr (head, "<?xml");
  if (p != NULL && (p = strstr (p, "encoding")) != NULL)
    return charset_after (p);

  return NULL;
}

/* The content of the first <meta> named in @names, in their order */
static char *
find_meta (GPtrArray          *metas,
           const char * const *names,
           gsize               n_names,
           gboolean            (*accept) (const char *value))
{
  for (gsize i = 0; i < n_names; i++)
    {
      for (guint j = 0; j + 1 < metas->len; j += 2)
        {
          const char *value = metas->pdata[j + 1];

          if (g_ascii_strcasecmp (metas->pdata[j], names[i]) == 0 &&
              (accept == NULL || accept (value)))
            return g_strdup (value);
        }
    }

  return NULL;
}

static gboolean
is_date (const char *value)
{
  g_autofree char *date = ce_date_parse (value);

  return date != NULL;
}

static gboolean
is_not_url (const char *value)
{
  return !g_str_has_prefix (value, "http://") && !g_str_has_prefix (value, "https://");
}

/* Meta tags as alternating name, content; names from name, property or
 * itemprop */
static GPtrArray *
collect_metas (xmlNode *root)
{
  GPtrArray *metas = g_ptr_array_new_with_free_func (g_free);

  for (xmlNode *node = root; node != NULL; node = next_node (node, root, TRUE))
    {
      static const char * const name_attributes[] = { "property", "name", "itemprop" };
      g_autofree char *content = NULL;

      if (!is_element (node, "meta"))
        continue;

      content = get_attribute (node, "content");
      if (content == NULL)
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (name_attributes); i++)
        {
          g_autofree char *name = get_attribute (node, name_attributes[i]);
          char *clean;

          if (name == NULL)
            continue;
          clean = ce_fields_clean_line (content);
          if (clean == NULL)
            break;
          g_ptr_array_add (metas, g_ascii_strdown (name, -1));
          g_ptr_array_add (metas, clean);
          break;
        }
    }

  return metas;
}

static char *
strip_by (char *author)
{
  if (author != NULL && g_ascii_strncasecmp (author, "by ", 3) == 0)
    {
      char *stripped = ce_fields_clean_line (author + 3);

      g_free (author);
      return stripped;
    }
  return author;
}

CeDraft *
ce_decode_html (const char *html,
                gsize       len,
                const char *charset,
                guint      *repairs)
{
  static const char * const title_metas[] = { "og:title", "twitter:title" };
  static const char * const source_metas[] = { "og:site_name", "application-name" };
  static const char * const section_metas[] = { "article:section", "section" };
  static const char * const url_metas[] = { "og:url" };
  static const char * const description_metas[] = { "description", "og:description" };
  static const char * const keyword_metas[] = { "news_keywords", "keywords" };
  CeDraft *draft = ce_draft_new ();
  g_autofree char *sniffed = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) metas = NULL;
  g_autofree char *description = NULL;
  g_autofree char *keywords = NULL;
  xmlNode *root;
  xmlNode *content_root;
  xmlNode *h1;
  xmlNode *skip_h1 = NULL;
  xmlNode *found;
  guint count;
  htmlDocPtr doc;

  g_return_val_if_fail (html != NULL || len == 0, draft);

  if (html == NULL)
    html = "";
  if (charset == NULL)
    charset = sniffed = sniff_charset (html, len);
  text = ce_decode_bytes (html, len, charset, repairs);

  /* The text is UTF-8 now, whatever the document says of itself */
  doc = htmlReadMemory (text, (int)MIN (strlen (text), G_MAXINT), NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
  if (doc == NULL)
    {
      draft->body = g_strdup ("");
      return draft;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL)
    {
      xmlFreeDoc (doc);
      draft->body = g_strdup ("");
      return draft;
    }

  metas = collect_metas (root);

  draft->title = find_meta (metas, title_metas, G_N_ELEMENTS (title_metas), NULL);
  h1 = find_element (root, "h1", NULL);
  if (draft->title == NULL && h1 != NULL)
    draft->title = node_text (h1);
  if (draft->title == NULL && (found = find_element (root, "title", NULL)) != NULL)
    draft->title = node_text (found);

  /* The heading that repeats the title stays out of the body */
  if (h1 != NULL && draft->title != NULL)
    {
      g_autofree char *h1_text = node_text (h1);

      if (g_strcmp0 (h1_text, draft->title) == 0)
        skip_h1 = h1;
    }

  {
    g_autofree char *date = find_meta (metas, date_metas, G_N_ELEMENTS (date_metas), is_date);

    if (date == NULL)
      {
        for (xmlNode *node = root; node != NULL && date == NULL; node = next_node (node, root, TRUE))
          {
            g_autofree char *datetime = NULL;

            if (!is_element (node, "time"))
              continue;
            datetime = get_attribute (node, "datetime");
            if (datetime == NULL)
              datetime = node_text (node);
            if (datetime != NULL && is_date (datetime))
              date = g_steal_pointer (&datetime);
          }
      }
    draft->date = ce_date_parse (date);
  }

  draft->author = strip_by (find_meta (metas, author_metas, G_N_ELEMENTS (author_metas), is_not_url));
  draft->source = find_meta (metas, source_metas, G_N_ELEMENTS (source_metas), NULL);
  draft->section = find_meta (metas, section_metas, G_N_ELEMENTS (section_metas), NULL);
  draft->url = find_meta (metas, url_metas, G_N_ELEMENTS (url_metas), NULL);
  if (draft->url == NULL)
    {
      for (xmlNode *node = root; node != NULL; node = next_node (node, root, TRUE))
        {
          g_autofree char *rel = NULL;

          if (!is_element (node, "link"))
            continue;
          rel = get_attribute (node, "rel");
          if (rel != NULL && g_ascii_strcasecmp (rel, "canonical") == 0)
            {
              draft->url = get_attribute (node, "href");
              break;
            }
        }
    }

  description = find_meta (metas, description_metas, G_N_ELEMENTS (description_metas), NULL);
  ce_draft_add_meta (draft, "description", description);
  keywords = find_meta (metas, keyword_metas, G_N_ELEMENTS (keyword_metas), NULL);
  ce_draft_add_meta (draft, "keywords", keywords);

  /* The article itself when the page marks exactly one */
  content_root = find_element (root, "body", NULL);
  if (content_root == NULL)
    content_root = root;
  if ((found = find_element (root, "article", &count)) != NULL && count == 1)
    content_root = found;
  else if ((found = find_element (root, "main", &count)) != NULL && count == 1)
    content_root = found;

  draft->body = walk_text (content_root, skip_h1);

  xmlFreeDoc (doc);
  return draft;
}

gboolean
ce_read_html (CeReadContext  *ctx,
              GInputStream   *stream,
              GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  CeDraft *draft;
  const char *data;
  gsize len;
  guint repairs = 0;

  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  bytes = ce_decode_read_all (stream, ctx->cancellable, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &len);
  if (len > G_MAXINT / 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: too large for an HTML page"), ctx->path);
      return FALSE;
    }

  draft = ce_decode_html (data, len, NULL, &repairs);
  if (repairs > 0)
    {
      ctx->repairs += repairs;
      ce_read_context_warn (ctx, 0, _("%u bytes that were not valid in the page's encoding replaced"),
                            repairs);
    }

  if (draft->body == NULL || *draft->body == '\0')
    {
      ce_read_context_warn (ctx, 0, _("no text in the page"));
      ce_draft_free (draft);
      return TRUE;
    }

  draft->line = 1;
  if (!ctx->emit (ctx, draft, ctx->emit_data))
    return !g_cancellable_set_error_if_cancelled (ctx->cancellable, error);

  return TRUE;
}
