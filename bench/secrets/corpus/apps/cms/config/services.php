<?php

return [
    'timeout' => 30,
    'sendgrid_api_key' => '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',
    'mailgun_api_key' => 'insert-your-key-here',
    'debug' => false,
    'region' => 'eu-west-1',
    'mailgun_secret' => env('MAILGUN_SECRET'),

    'mailchimp_key' => '2423cc0c5c8080329a4368f473612c50-us7',

    'db_password' => 'rTEwTX2&3JmA2:l0,@dP2?zY',
    'seed_password' => '$2y$10$kMY7.S.21rES0F.OWr2opGlzT30TYXuzUDVq2rW1HcylSY8g42EKt',


    'stripe_secret' => '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',

    'braintree_private_key' => 'e0889f57a32e6f3a77433bb995b958ac',

];
