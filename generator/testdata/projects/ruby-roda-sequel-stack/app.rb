# frozen_string_literal: true
require_relative 'models'

require 'roda'

require 'tilt'
require 'tilt/erubi'

class App < Roda
  plugin :default_headers,
    'Content-Type'=>'text/html',
    'X-Frame-Options'=>'deny',
    'X-Content-Type-Options'=>'nosniff'

  plugin :route_csrf
  plugin :flash
  plugin :render, escape: true, layout: './layout'
  plugin :public
  plugin :hash_branch_view_subdir

  plugin :sessions,
    key: '_App.session',
    secret: ENV.send((ENV['RACK_ENV'] == 'development' ? :[] : :delete), 'APP_SESSION_SECRET')

  Unreloader.autoload('routes', :delete_hook=>proc{|f| hash_branch(File.basename(f).delete_suffix('.rb'))}){}

  route do |r|
    r.public
    check_csrf!

    r.hash_branches('')

    r.root do
      view 'index'
    end
  end
end
