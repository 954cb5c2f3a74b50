<?php
/**
 * Removes the plugin's options when it is deleted. The WooCommerce webhooks it
 * created stay (WooCommerce → Settings → Advanced → Webhooks) so that deleting
 * the plugin never stops points for orders silently; delete them there.
 *
 * @package TreuLoyalty
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'treu_settings' );
delete_option( 'treu_webhook_ids' );
