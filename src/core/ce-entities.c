/* ce-entities.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-entities"

#include "config.h"

#include "ce-corpus-private.h"
#include "ce-entities.h"

void
ce_entity_free (CeEntity *entity)
{
  if (entity == NULL)
    return;

  g_free (entity->name);
  g_strfreev (entity->terms);
  g_free (entity);
}
